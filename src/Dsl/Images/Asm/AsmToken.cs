namespace KjTest.Dsl.Images.Asm;

/// <summary>One token of an assembly line; <see cref="Column"/> is 1-based within the line.</summary>
internal readonly record struct AsmToken(AsmTokenKind Kind, string Text, int Column, int Length, ulong Value, byte[]? Bytes)
{
    public bool Is(string punctuation) => Kind == AsmTokenKind.Punctuation && Text == punctuation;

    public bool IsWord(string word) => Kind == AsmTokenKind.Identifier && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    public int EndColumn => Column + Length;
}
