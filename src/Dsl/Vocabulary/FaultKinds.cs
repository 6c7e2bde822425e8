using static KjTest.Dsl.Vocabulary.ParameterSpec;

namespace KjTest.Dsl.Vocabulary;

/// <summary>
/// Faults a scenario can inject (reference kexec-jump.md sections 7 and 9). An open vocabulary:
/// later kinds are added here, and both front ends and the checker pick them up.
/// </summary>
public static class FaultKinds
{
    private static readonly string[] Callbacks = [.. PmPhases.DeviceCallbacks];
    private static readonly string[] Points = [.. PmPhases.Points];


    /// <summary>Every fault kind by name.</summary>
    public static IReadOnlyDictionary<string, KindSpec> All { get; } = new[]
    {
        new KindSpec("device_pm_failure", "a device PM callback returns an error (B14)",
        [
            Req("device", ParameterType.Device, "the device"),
            Req("phase", ParameterType.Choice, "the callback that fails", Callbacks),
            Opt("errno", ParameterType.Errno, "the error returned; default EIO"),
        ]),
        new KindSpec("kernel_step_failure", "a step of kernel_kexec fails (freezer, dpm_suspend_end, CPU offline, syscore)",
        [
            Req("step", ParameterType.Choice, "the failing step", [.. PmPhases.KernelSteps]),
            Opt("errno", ParameterType.Errno, "the error returned; default EBUSY"),
        ]),
        new KindSpec("device_state_lost", "a device comes back from the jump with its registers reset",
        [
            Req("device", ParameterType.Device, "the device"),
            Opt("registers", ParameterType.RegisterList, "only these registers; default all"),
        ]),
        new KindSpec("dma", "a device writes bytes into RAM at a point of the transition (B13)",
        [
            Req("device", ParameterType.Device, "the bus master"),
            Req("address", ParameterType.Number, "physical address"),
            Req("bytes", ParameterType.Bytes, "the bytes written"),
            Req("at", ParameterType.Choice, "when", Points),
        ]),
        new KindSpec("irq", "a device raises an IRQ at a point of the transition (B15)",
        [
            Req("irq", ParameterType.Number, "IRQ line 0-15"),
            Req("at", ParameterType.Choice, "when", Points),
        ]),
        new KindSpec("nmi", "an NMI arrives at a point of the transition (B15)",
        [
            Req("at", ParameterType.Choice, "when", Points),
        ]),
        new KindSpec("clobber", "a register of the CPU is overwritten at a point of the transition",
        [
            Req("register", ParameterType.Register, "the register"),
            Req("value", ParameterType.Number, "the value written"),
            Req("at", ParameterType.Choice, "when", Points),
        ]),
        new KindSpec("alloc_failure", "kexec_load's page allocation fails (ENOMEM rows of section 2.3)",
        [
            Req("what", ParameterType.Choice, "which allocation", "control", "swap", "indirection", "source", "kimage"),
            Opt("after", ParameterType.Number, "succeed this many times first; default 0"),
        ]),
        new KindSpec("lock_held", "the kexec lock is held by another task (EBUSY)",
        [
            Opt("during", ParameterType.Choice, "which call sees it", "load", "jump"),
        ]),
        new KindSpec("relocate_bug", "the relocate routine carries a known bug of section 7",
        [
            Req("bug", ParameterType.Choice, "the bug's id in the catalogue of reference section 7 (B1 to B21, B2a)", [.. KjTest.Abi.KnownBugIds.All]),
        ]),
        new KindSpec("neighbour_page", "fill the page above the swap page, which B4 reads as the re-entry point",
        [
            Req("value", ParameterType.Number, "the 64-bit word written at its start"),
        ]),
    }.ToDictionary(k => k.Name, StringComparer.Ordinal);
}
