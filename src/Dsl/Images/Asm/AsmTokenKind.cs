namespace KjTest.Dsl.Images.Asm;

/// <summary>The kinds of token in an assembly line.</summary>
internal enum AsmTokenKind
{
    Identifier,
    Number,
    String,
    Punctuation,
    End,
}
