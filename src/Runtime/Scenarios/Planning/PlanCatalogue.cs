using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>
/// The diagnostics of planning (KJ17xx): what a checked scenario asks of the runtime that the runtime cannot do, found
/// before anything runs, so that <c>check</c> and <c>run</c> agree. The ids continue the catalogue of
/// <see cref="DiagnosticCatalogue"/>.
/// </summary>
public static class PlanCatalogue
{
    private static DiagnosticDescriptor Error(string id, string format) => new(id, Severity.Error, format);

    private static DiagnosticDescriptor Warning(string id, string format) => new(id, Severity.Warning, format);

    /// <summary>The era does not model the architecture.</summary>
    public static DiagnosticDescriptor EraLacksArch { get; } = Error("KJ1701", "era {0} models {1} only, not {2}");

    /// <summary>Too little RAM for kernel A.</summary>
    public static DiagnosticDescriptor RamTooSmall { get; } = Error("KJ1702", "the machine needs at least 16 MiB of RAM for kernel A, not {0} KiB");

    /// <summary>More RAM than the machine models.</summary>
    public static DiagnosticDescriptor RamTooLarge { get; } = Error("KJ1703", "the machine models at most 64 TiB of RAM, not {0}");

    /// <summary>A seed on a machine too large for a shuffled allocation order.</summary>
    public static DiagnosticDescriptor SeedOnLargeMachine { get; } = Error("KJ1726", "a seed shuffles the page allocator's order of every RAM page, and that order holds at most {0} (64 GiB of RAM), not {1}: leave out the seed or declare less RAM");

    /// <summary>A console limit larger than one buffer holds.</summary>
    public static DiagnosticDescriptor ConsoleLimitTooLarge { get; } = Error("KJ1727", "console_bytes keeps at most 1 GiB of output per console, not {0}");

    /// <summary>A register a device type's driver cannot set.</summary>
    public static DiagnosticDescriptor DeviceRegisterNotSettable { get; } = Error("KJ1704", "{0} register {1} cannot be set: {2}");

    /// <summary>A programmable device that does not fit the register layout, or collides with another device.</summary>
    public static DiagnosticDescriptor DeviceLayout { get; } = Error("KJ1705", "{0}");

    /// <summary>A register of A's state the CPU model cannot hold.</summary>
    public static DiagnosticDescriptor StateRegisterNotSettable { get; } = Error("KJ1706", "register {0} cannot be set on this machine");

    /// <summary>A relocate_bug the era does not have or KjTest does not model.</summary>
    public static DiagnosticDescriptor BugNotInjectable { get; } = Error("KJ1707", "relocate bug {0} cannot be injected on era {1}: {2}");

    /// <summary>A relocate_bug that is the era's own behaviour: the fault changes nothing.</summary>
    public static DiagnosticDescriptor BugIsEraBehaviour { get; } = Warning("KJ1708", "relocate bug {0} changes nothing on era {1}: {2}");

    /// <summary>A fault at a point the era's kernel_kexec never reaches.</summary>
    public static DiagnosticDescriptor PointMissing { get; } = Error("KJ1709", "{0} at {1}: {2}");

    /// <summary>A fault at a point of a user-supplied relocate routine whose place is not known.</summary>
    public static DiagnosticDescriptor PointUnknownInUserRoutine { get; } = Error("KJ1710", "{0} at {1} needs the era's relocate routine: the places of swap_pages and of the jump-back entry in a user-supplied routine are not known");

    /// <summary>A kernel step that this era's kernel_kexec does not run.</summary>
    public static DiagnosticDescriptor StepMissing { get; } = Error("KJ1711", "kernel_kexec of era {0} does not run {1}, so it cannot fail");

    /// <summary>A register that does not exist on the scenario's CPU.</summary>
    public static DiagnosticDescriptor NoSuchRegister { get; } = Error("KJ1712", "register {0} does not exist on this machine");

    /// <summary>A DMA write outside RAM.</summary>
    public static DiagnosticDescriptor DmaOutsideRam { get; } = Error("KJ1713", "dma: 0x{0:x} + {1} bytes is outside RAM (0x{2:x} bytes)");

    /// <summary>An IRQ line outside the PIC pair.</summary>
    public static DiagnosticDescriptor IrqLine { get; } = Error("KJ1714", "irq: line must be 0-15, not {0}");

    /// <summary>A device that keeps no state to lose, or a register it cannot lose alone.</summary>
    public static DiagnosticDescriptor StateNotLosable { get; } = Error("KJ1715", "device_state_lost for '{0}': {1}");

    /// <summary>A neighbour_page fault with no loaded image with a swap page before it.</summary>
    public static DiagnosticDescriptor NeighbourWithoutImage { get; } = Error("KJ1716", "neighbour_page needs an earlier successful load of a normal image: the word goes into the page above its swap page");

    /// <summary>A neighbour_page fault whose page belongs to the kernel.</summary>
    public static DiagnosticDescriptor NeighbourOwnedByKernel { get; } = Error("KJ1717", "neighbour_page would write 0x{0:x}, the page above the swap page 0x{1:x}, which is {2}; choose a layout (seed, reserved regions, segment addresses) where that page is free RAM or A's own data");

    /// <summary>An expectation that needs a jump before it.</summary>
    public static DiagnosticDescriptor ExpectNeedsJump { get; } = Error("KJ1718", "{0} needs a jump step before it: it compares A's state before and after a jump");

    /// <summary>An image_start or kimage expectation with no normal image loaded before it.</summary>
    public static DiagnosticDescriptor ExpectNeedsImage { get; } = Error("KJ1719", "{0} needs an earlier successful load of a normal image");

    /// <summary>An image_start label that no loaded image defines.</summary>
    public static DiagnosticDescriptor UnknownLabel { get; } = Error("KJ1720", "label '{0}' is not defined by any image of the scenario");

    /// <summary>A user relocate routine that cannot be placed in the control page.</summary>
    public static DiagnosticDescriptor RelocateRoutine { get; } = Error("KJ1721", "relocate image '{0}': {1}");

    /// <summary>A relocate_bug for a plain-kexec path in a scenario that only loads preserve-context images.</summary>
    public static DiagnosticDescriptor BugNeverReached { get; } = Warning("KJ1723", "relocate bug {0} changes only the plain kexec path, and every image this scenario loads has PRESERVE_CONTEXT");

    /// <summary>A device PM failure in a resume callback, whose error Linux only logs.</summary>
    public static DiagnosticDescriptor ResumeFailureIgnored { get; } = Warning("KJ1724", "device_pm_failure in ->{0}: Linux logs a resume callback's error and goes on, so the failure changes no result");

    /// <summary>An allocation failure after every allocation a later load makes, or with no load after it.</summary>
    public static DiagnosticDescriptor FaultNeverTakesEffect { get; } = Warning("KJ1725", "{0} can never take effect: {1}");

    /// <summary>Every descriptor, for the uniqueness test and the README table.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        [.. typeof(PlanCatalogue).GetProperties().Where(p => p.PropertyType == typeof(DiagnosticDescriptor)).Select(p => (DiagnosticDescriptor)p.GetValue(null)!)];
}
