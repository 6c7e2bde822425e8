using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Eras;
using KjTest.Runtime.Kernel.Relocate;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>The machine and kernel A a scenario runs on, every value typed and checked: building it cannot fail.</summary>
public sealed record MachinePlan
{
    /// <summary>The era's traits.</summary>
    public required EraTraits Era { get; init; }

    /// <summary>The architecture.</summary>
    public required KernelArch Arch { get; init; }

    /// <summary>Bytes of RAM.</summary>
    public required ulong Ram { get; init; }

    /// <summary>Every declared device, in declaration order (dpm_list order).</summary>
    public required IReadOnlyList<DeviceSpec> Devices { get; init; }

    /// <summary>The UART registers A's driver programmed, by vocabulary name.</summary>
    public required IReadOnlyDictionary<string, uint> Uart { get; init; }

    /// <summary>The 8259A masks and vector bases A's init_8259A left, by vocabulary name.</summary>
    public required IReadOnlyDictionary<string, byte> Pic { get; init; }

    /// <summary>A's registers, in the order written.</summary>
    public required IReadOnlyList<RegisterWrite> State { get; init; }

    /// <summary>A's memory contents, in the order written.</summary>
    public required IReadOnlyList<MemoryWrite> Memory { get; init; }

    /// <summary>Kernel A's configuration; its RAM and reserved ranges are completed when the machine is built.</summary>
    public required KernelConfig Kernel { get; init; }

    /// <summary>The seed of the page allocator's order, or null for descending order.</summary>
    public required ulong? Seed { get; init; }

    /// <summary>The known bug built into the era's relocate routine.</summary>
    public required RelocateBug Bug { get; init; }

    /// <summary>A user-supplied relocate routine, or null for the era's.</summary>
    public required UserRoutine? UserRoutine { get; init; }

    /// <summary>The calling convention relocate_kernel is entered with (the user routine's declared one, else the era's).</summary>
    public required KernelEra Convention { get; init; }

    /// <summary>Instruction budget of one jump.</summary>
    public required ulong MaxInstructions { get; init; }

    /// <summary>Time limit of one jump in emulated milliseconds (instructions retired, one per nanosecond), or null.</summary>
    public required ulong? TimeLimitMilliseconds { get; init; }

    /// <summary>Console bytes kept per console; output past it is counted and dropped, and the result says so.</summary>
    public required ulong ConsoleBytes { get; init; }

    /// <summary>Whether the scenario runs on i386.</summary>
    public bool I386 => Arch == KernelArch.I386;
}
