namespace KjTest.Dsl.Model;

/// <summary>A number, or a symbol (an assembly label) resolved once the images are assembled.</summary>
/// <param name="Number">The number when <paramref name="Symbol"/> is null.</param>
/// <param name="Symbol">A label name, or null.</param>
public readonly record struct SymbolOrNumber(ulong Number, string? Symbol)
{
    /// <summary>A plain number.</summary>
    public static SymbolOrNumber Of(ulong number) => new(number, null);

    /// <summary>A label.</summary>
    public static SymbolOrNumber Of(string symbol) => new(0, symbol);

    /// <inheritdoc />
    public override string ToString() => Symbol ?? $"0x{Number:x}";
}
