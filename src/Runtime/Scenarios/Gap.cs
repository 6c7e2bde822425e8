namespace KjTest.Runtime.Scenarios;

/// <summary>Everything of A's state that did not survive a jump: registers and device registers field by field, and memory pages.</summary>
/// <param name="Fields">Differing registers and device registers, in a stable order.</param>
/// <param name="Pages">Differing memory pages in address order.</param>
public sealed record Gap(IReadOnlyList<GapField> Fields, IReadOnlyList<MemoryPageGap> Pages)
{
    /// <summary>Whether nothing differs.</summary>
    public bool IsEmpty => Fields.Count == 0 && Pages.Count == 0;

    /// <summary>The names a scenario's <c>outcome.fields</c> can match: field names, and <c>memory</c> plus <c>memory@0x...</c> per page.</summary>
    public IEnumerable<string> Names =>
        Fields.Select(f => f.Name).Concat(Pages.Count > 0 ? ["memory"] : []).Concat(Pages.Select(p => $"memory@0x{p.Address:x}"));
}
