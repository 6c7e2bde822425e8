namespace KjTest.Runtime.Scenarios;

/// <summary>Everything of A's state that did not survive a jump: registers and device registers field by field, and memory pages.</summary>
/// <param name="Fields">Differing registers and device registers, in a stable order.</param>
/// <param name="Pages">Differing memory pages in address order.</param>
public sealed record Gap(IReadOnlyList<GapField> Fields, IReadOnlyList<MemoryPageGap> Pages)
{
    /// <summary>Whether nothing differs.</summary>
    public bool IsEmpty => Fields.Count == 0 && Pages.Count == 0;

    /// <summary>
    /// Whether the gap contains what an <c>outcome.fields</c> entry names: a register or device register, a state class
    /// (<c>cpu</c>, <c>fpu</c>, <c>devices</c>, <c>memory</c>) with at least one differing field, or <c>memory:ADDRESS</c>
    /// naming a differing page (any address inside it).
    /// </summary>
    public bool Contains(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var key = field.ToLowerInvariant();
        if (key.StartsWith("memory:", StringComparison.Ordinal))
        {
            var number = key[7..].Replace("_", "", StringComparison.Ordinal);
            var parsed = number.StartsWith("0x", StringComparison.Ordinal)
                ? ulong.TryParse(number.AsSpan(2), System.Globalization.NumberStyles.HexNumber, null, out var h) ? h : (ulong?)null
                : ulong.TryParse(number, out var d) ? d : null;
            return parsed is { } address && Pages.Any(p => address >= p.Address && address - p.Address < 4096);
        }

        return key switch
        {
            "memory" => Pages.Count > 0,
            "devices" => Fields.Any(f => f.Name.Contains('.', StringComparison.Ordinal) && Dsl.Vocabulary.Registers.Find(f.Name) is null),
            "cpu" or "fpu" => Fields.Any(f => Dsl.Vocabulary.Registers.Find(f.Name)?.Class.ToString().Equals(key, StringComparison.OrdinalIgnoreCase) == true),
            _ => Fields.Any(f => f.Name.Equals(key, StringComparison.Ordinal)),
        };
    }
}
