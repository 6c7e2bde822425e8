namespace KjTest.Runtime.Kernel.Eras;

/// <summary>
/// The bug catalogue of reference section 7 as KjTest models it, era by era: every id, what a <c>relocate_bug</c>
/// fault naming it does, and for the bugs that are not relocate-routine variants the way a scenario shows them instead.
/// An era states only the bugs whose status differs from these defaults.
/// </summary>
public static class KnownBugs
{
    /// <summary>Every catalogue id in order.</summary>
    public static IReadOnlyList<string> Ids => Abi.KnownBugIds.All;

    /// <summary>The status of a bug in an era that says nothing of it.</summary>
    public static IReadOnlyDictionary<string, BugSupport> Defaults { get; } = new[]
    {
        BugSupport.Not("B1", BugStatus.Absent, "B1 (GDT not restored after the return) is K30's own machine_kexec; write era: k30 to see it"),
        BugSupport.Not("B2", BugStatus.Absent, "B2 is a regression of the 6.14 relocate_kernel rework"),
        BugSupport.Not("B2a", BugStatus.Absent, "B2a is a regression of the 6.14 relocate_kernel rework"),
        BugSupport.Not("B3", BugStatus.Absent, "B3 is a regression of the 6.14 relocate_kernel rework"),
        BugSupport.Not("B4", BugStatus.Absent, "B4 is the relocate routine before 2cacf7f23a02"),
        BugSupport.Not("B5", BugStatus.Absent, "B5 is a 6.14 regression (5a82223e0743 made the control page read-only in the kernel map); this era's control page is writable, so there is no stale read-only entry to hit"),
        BugSupport.Not("B6", BugStatus.Absent, "B6 is an x86_64 regression of 2cacf7f23a02"),
        BugSupport.Not("B7", BugStatus.NotModelled, "B7 (relocate_kernel placement and kCFI) needs the kernel's own linker layout; give the routine as an image with relocate: to test a placement"),
        BugSupport.Not("B8", BugStatus.NotModelled, "B8 (kexec_image instead of image in the 2.6.28 i386 machine_kexec) needs the crash path's machine_kexec, which KjTest does not run"),
        BugSupport.Not("B9", BugStatus.NotModelled, "B9 (the system_transition_mutex deadlock of 4.19 to 5.10) is not a relocate routine variant and no scenario setting selects those kernels yet"),
        BugSupport.Not("B10", BugStatus.NotModelled, "B10 (jump-back entry missing from the peer's identity map) needs the peer's own page tables, which KjTest does not build"),
        BugSupport.Not("B11", BugStatus.NotModelled, "B11 is not a routine variant: write a peer image that stores outside its segments and expect the gap"),
        BugSupport.Not("B12", BugStatus.NotModelled, "B12 is not a routine variant: load more than 16 segments and expect EINVAL"),
        BugSupport.Not("B13", BugStatus.NotModelled, "B13 is not a routine variant: inject it with fault dma"),
        BugSupport.Not("B14", BugStatus.NotModelled, "B14 is not a routine variant: inject it with fault device_pm_failure"),
        BugSupport.Not("B15", BugStatus.NotModelled, "B15 is not a routine variant: inject it with fault nmi or irq"),
        BugSupport.Not("B16", BugStatus.NotModelled, "B16 is not a routine variant: have the peer return with altered control registers"),
        BugSupport.Not("B17", BugStatus.NotModelled, "B17 is not a routine variant: have the peer change x87, SSE or MXCSR state and expect the gap"),
        BugSupport.Not("B18", BugStatus.NotModelled, "B18 (ftrace hooks during the switch) needs traced kernel functions, which KjTest does not model"),
        BugSupport.Not("B19", BugStatus.NotModelled, "B19 (crash image with preserve_context) needs the crash path's machine_kexec, which KjTest does not run"),
        BugSupport.Not("B20", BugStatus.NotModelled, "B20 (skipped wbinvd) only matters with stale encrypted cache lines, and the machine has no cache model"),
        BugSupport.Not("B21", BugStatus.NotModelled, "B21 is not a routine variant: load through the compat entry with an unreadable segment list"),
    }.ToDictionary(b => b.Id, StringComparer.OrdinalIgnoreCase);
}
