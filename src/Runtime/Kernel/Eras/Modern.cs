using KjTest.Runtime.Kernel.Relocate;

namespace KjTest.Runtime.Kernel.Eras;

/// <summary>What the two eras of the 6.14 rework (K614 and CUR) share: the routine whose regressions B2 to B6 are.</summary>
internal static class Modern
{
    /// <summary>The bugs a relocate_bug fault builds into the 6.14 routine.</summary>
    public static IReadOnlyDictionary<string, BugSupport> InjectableBugs() => new[]
    {
        BugSupport.Injectable("B2", RelocateBug.B2),
        BugSupport.Injectable("B2a", RelocateBug.B2a),
        BugSupport.Injectable("B3", RelocateBug.B3),
        BugSupport.Injectable("B4", RelocateBug.B4),
        BugSupport.Injectable("B5", RelocateBug.B5),
        BugSupport.Injectable("B6", RelocateBug.B6),
    }.ToDictionary(b => b.Id, StringComparer.OrdinalIgnoreCase);
}
