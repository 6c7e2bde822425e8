namespace KjTest.Runtime.Kernel.Pm;

/// <summary>What <c>machine_kexec()</c> did: returned after a jump back with the peer's re-entry point, or never returned.</summary>
/// <param name="Returned">Whether control came back into <c>kernel_kexec()</c>.</param>
/// <param name="ReEntry">The value relocate_kernel returned, which becomes image->start (meaningful when returned).</param>
public readonly record struct MachineKexecResult(bool Returned, ulong ReEntry)
{
    /// <summary>Control came back with <paramref name="reEntry"/>.</summary>
    public static MachineKexecResult Back(ulong reEntry) => new(true, reEntry);

    /// <summary>Control never came back (plain kexec, or a jump that hung, faulted or reset).</summary>
    public static MachineKexecResult Gone => new(false, 0);
}
