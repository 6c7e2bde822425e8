namespace KjTest.Runtime.Kernel.Eras;

/// <summary>
/// CUR: the newest x86-64 source (6.15 and later): the 6.14 rework with its fixes, the zero word back (786a45757dcd)
/// and the debug IDT that prints and halts.
/// </summary>
public static class CurEra
{
    /// <summary>The traits.</summary>
    public static EraTraits Traits { get; } = K614Era.Traits with
    {
        Era = KernelEra.Cur,
        Name = "cur",
        Kernels = "Linux 6.15 and later",
        Sequence = Modern.Sequence(KernelEra.Cur, "console_suspend_all", "console_resume_all"),
        PushesZeroWord = true,
        HasDebugIdt = true,
        Bugs = Modern.InjectableBugs(),
    };
}
