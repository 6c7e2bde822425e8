namespace KjTest.Dsl.Model;

/// <summary>One term of a flags value: a name from <see cref="Abi.KexecFlags"/> or a number.</summary>
/// <param name="Name">The flag name as written (upper case), or null for a number.</param>
/// <param name="Number">The number when <paramref name="Name"/> is null.</param>
public readonly record struct FlagTerm(string? Name, ulong Number)
{
    /// <inheritdoc />
    public override string ToString() => Name ?? $"0x{Number:x}";
}
