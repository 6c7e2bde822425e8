using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>
/// Settings of kernel A that <c>kexec_load</c> consults (reference kexec-jump.md section 2.3 rows 1-3, 10, 18).
/// Unwritten fields keep Linux's defaults.
/// </summary>
/// <param name="Span">Where the settings were written.</param>
/// <param name="CapSysBoot">Whether the caller holds CAP_SYS_BOOT.</param>
/// <param name="KexecLoadDisabled">The <c>kernel.kexec_load_disabled</c> sysctl.</param>
/// <param name="LoadLimitReboot">The <c>kernel.kexec_load_limit_reboot</c> sysctl; -1 is unlimited.</param>
/// <param name="LoadLimitPanic">The <c>kernel.kexec_load_limit_panic</c> sysctl; -1 is unlimited.</param>
/// <param name="Lockdown">Whether the kernel is locked down against kexec.</param>
/// <param name="KexecJump">Whether CONFIG_KEXEC_JUMP is built in (PRESERVE_CONTEXT is legal).</param>
/// <param name="LsmError">An errno name the LSM hook returns for image loads, or null when it allows them.</param>
/// <param name="CrashKernel">The crashkernel reservation, or null when none is reserved.</param>
public sealed record KernelSettings(
    SourceSpan Span,
    Located<bool>? CapSysBoot,
    Located<bool>? KexecLoadDisabled,
    Located<long>? LoadLimitReboot,
    Located<long>? LoadLimitPanic,
    Located<bool>? Lockdown,
    Located<bool>? KexecJump,
    Located<string>? LsmError,
    MemoryRange? CrashKernel)
{
    /// <summary>All defaults.</summary>
    public static KernelSettings Default { get; } = new(SourceSpan.None, null, null, null, null, null, null, null, null);
}
