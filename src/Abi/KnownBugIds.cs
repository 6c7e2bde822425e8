namespace KjTest.Abi;

/// <summary>
/// The ids of the catalogue of known kexec jump bugs (reference kexec-jump.md section 7): B1 to B21, with B2a beside
/// B2. Scenarios name bugs by these ids; the kernel model says per era what each one does.
/// </summary>
public static class KnownBugIds
{
    /// <summary>Every id, in catalogue order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enumerable.Range(1, 21).SelectMany(n => n == 2 ? new[] { "B2", "B2a" } : [$"B{n}"])];
}
