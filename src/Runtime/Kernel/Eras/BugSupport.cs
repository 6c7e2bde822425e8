using KjTest.Runtime.Kernel.Relocate;

namespace KjTest.Runtime.Kernel.Eras;

/// <summary>One known bug in one era: whether a scenario can inject it and, when it cannot, why.</summary>
/// <param name="Id">The catalogue id, <c>B1</c> to <c>B21</c>.</param>
/// <param name="Status">How the bug stands in the era.</param>
/// <param name="Routine">For an injectable bug: the variant of the relocate routine that carries it.</param>
/// <param name="Reason">For any other status: one sentence a diagnostic can show.</param>
public sealed record BugSupport(string Id, BugStatus Status, RelocateBug Routine, string? Reason)
{
    /// <summary>An injectable bug built into the routine as <paramref name="routine"/>.</summary>
    public static BugSupport Injectable(string id, RelocateBug routine) => new(id, BugStatus.Injectable, routine, null);

    /// <summary>A bug with another status, and why.</summary>
    public static BugSupport Not(string id, BugStatus status, string reason) => new(id, status, RelocateBug.None, reason);
}
