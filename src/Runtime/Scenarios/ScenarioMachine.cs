using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Devices;
using KjTest.Runtime.Scenarios.Planning;
using DslImageResolver = KjTest.Dsl.Images.ImageResolver;

namespace KjTest.Runtime.Scenarios;

/// <summary>
/// The emulated machine and kernel A of one scenario, built from its <see cref="MachinePlan"/>: the standard PC
/// devices as A's drivers programmed them, the scenario's programmable devices, A's environment, state and memory,
/// the kernel model and the era's jump driver. The planner builds one to validate what only building shows and to
/// preview the loads; the runner builds one per run, the same way.
/// </summary>
internal sealed class ScenarioMachine
{
    private const ulong EnvironmentBase = 0x100000;

    // Linux programs the 8259A pair with these vector bases (ISA_IRQ_VECTOR(0) on x86-64, FIRST_EXTERNAL_VECTOR on i386).
    public const byte X86_64PicBase = 0x30;
    public const byte I386PicBase = 0x20;

    // The Dsl resolver caches file reads and is safe to share between scenarios run in parallel.
    public static readonly DslImageResolver Resolver = new();

    private readonly List<ProgrammableDevice> _programmable = [];
    private ConsoleCapture _console = new(0);

    private ScenarioMachine(MachinePlan plan)
    {
        Plan = plan;
    }

    /// <summary>The plan it was built from.</summary>
    public MachinePlan Plan { get; }

    /// <summary>The machine.</summary>
    public X86Machine Machine { get; private set; } = null!;

    /// <summary>The standard devices.</summary>
    public MachineDevices Devices { get; private set; } = null!;

    /// <summary>Kernel A's structures in RAM.</summary>
    public IKernelEnvironment Environment { get; private set; } = null!;

    /// <summary>Kernel A.</summary>
    public KernelModel Kernel { get; private set; } = null!;

    /// <summary>The era's machine_kexec and relocate routine driver.</summary>
    public IJumpDriver Driver { get; private set; } = null!;

    /// <summary>The scenario's programmable devices, in declaration order.</summary>
    public IReadOnlyList<ProgrammableDevice> Programmable => _programmable;

    /// <summary>Everything written to any console, in order (up to the scenario's console limit).</summary>
    public string ConsoleText => _console.Text;

    /// <summary>The consoles that dropped output past the limit: all output, then each device, by name.</summary>
    public IEnumerable<(string Console, ConsoleCapture Capture)> TruncatedConsoles()
    {
        // One note per loss: a full device says it; the merged console only when the devices together overflowed it.
        (string, ConsoleCapture)[] devices = [(Devices.Uart.Name, Devices.Uart.Capture), (Devices.DebugCon.Name, Devices.DebugCon.Capture)];
        var truncated = devices.Where(c => c.Item2.Truncated).ToList();
        return truncated.Count == 0 && _console.Truncated ? [("the console", _console)] : truncated;
    }

    /// <summary>
    /// Builds the machine of <paramref name="plan"/>. With <paramref name="diagnostics"/> (planning) what cannot be
    /// built is reported there; without (running), it is KjTest's own fault and throws.
    /// </summary>
    public static ScenarioMachine Build(MachinePlan plan, string baseDirectory, Scenario scenario, DiagnosticBag? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var built = new ScenarioMachine(plan);
        built.Create(baseDirectory, scenario, diagnostics);
        return built;
    }

    /// <summary>The programmable device named <paramref name="name"/>.</summary>
    public ProgrammableDevice ProgrammableNamed(string name) =>
        _programmable.FirstOrDefault(d => d.Name == name) ?? throw new InvalidOperationException($"programmable device '{name}' was not built");

    /// <summary>The IRQ line the scenario declares for <paramref name="device"/>, or null.</summary>
    public ulong? DeclaredIrq(string device) => Plan.Devices.FirstOrDefault(d => d.Name.Value == device)?.Irq?.Value;

    /// <summary>Every device's registers: the machine's standard set, then the programmable devices in declaration order.</summary>
    public List<DeviceSnapshot> DeviceSnapshots() => [.. Devices.Snapshot(), .. _programmable.Select(d => d.Snapshot())];

    private void Create(string baseDirectory, Scenario scenario, DiagnosticBag? diagnostics)
    {
        var plan = Plan;
        Machine = new MachineBuilder().WithMemory(plan.Ram).Build();
        _console = new ConsoleCapture((long)Math.Min(plan.ConsoleBytes, int.MaxValue));
        Devices = MachineDevices.CreateDefault(Machine.Bus, _console.Add, _console.Add, (long)Math.Min(plan.ConsoleBytes, int.MaxValue));
        Machine.Cpu.InterruptController = Devices.Pic;
        ProgramPic();
        ProgramUart();
        AttachProgrammable(diagnostics);
        Environment = plan.I386 ? I386KernelEnvironment.Build(Machine, EnvironmentBase) : X86_64KernelEnvironment.Build(Machine, EnvironmentBase);
        foreach (var write in plan.State)
        {
            if (!RegisterFile.TrySet(Machine.Cpu, write.Register, write.Value))
            {
                Report(diagnostics, PlanCatalogue.StateRegisterNotSettable, write.Span, write.Register);
            }
        }

        foreach (var write in plan.Memory)
        {
            Machine.Memory.Write(write.Address, write.Bytes);
        }

        var reserved = new List<PhysicalRange> { new(0, 0x100000), new(Environment.Base, Environment.Size) };
        reserved.AddRange(plan.Kernel.Reserved);
        var config = plan.Kernel with { Ram = [new PhysicalRange(0, plan.Ram)], Reserved = reserved };
        Kernel = KernelModel.Create(config, Machine.Memory, [], plan.Seed);

        var settings = new JumpSettings
        {
            Era = plan.Convention,
            Bug = plan.Bug,
            UserRelocate = plan.UserRoutine is { } user ? controlPage => UserRoutineBytes(scenario, user, controlPage, baseDirectory) : null,
            MaxInstructions = plan.MaxInstructions,
            TimeLimitMilliseconds = plan.TimeLimitMilliseconds,
        };
        void ToConsole(byte[] bytes) => _console.Add(bytes);
        Driver = Environment switch
        {
            I386KernelEnvironment i386 => new I386JumpDriver(Machine, i386, Kernel, settings, ToConsole),
            X86_64KernelEnvironment x64 => new X86_64JumpDriver(Machine, x64, Kernel, settings, ToConsole),
            _ => throw new InvalidOperationException("unknown kernel environment"),
        };
    }

    private static byte[] UserRoutineBytes(Scenario scenario, UserRoutine user, ulong controlPage, string baseDirectory)
    {
        if (user.Content is null)
        {
            return [];
        }

        var resolution = Resolver.ResolveContent(scenario, baseDirectory, user.Content, controlPage);
        return resolution.Succeeded
            ? resolution.Bytes!
            : throw new InvalidOperationException(resolution.Diagnostics.FirstOrDefault(d => d.IsError)?.Message ?? "the routine could not be assembled");
    }

    /// <summary>The 8259A pair as A's driver left it at boot (init_8259A): cascaded, 8086 mode, the planned bases and masks.</summary>
    private void ProgramPic()
    {
        var pic = Devices.Pic;
        foreach (var (command, data, cascade, prefix) in new[] { ((ushort)0x20, (ushort)0x21, (byte)0x04, "master."), ((ushort)0xA0, (ushort)0xA1, (byte)0x02, "slave.") })
        {
            pic.Out(command, 1, 0x11);
            pic.Out(data, 1, Plan.Pic[prefix + "base"]);
            pic.Out(data, 1, cascade);
            pic.Out(data, 1, 0x01);
            pic.Out(data, 1, Plan.Pic[prefix + "imr"]);
        }
    }

    /// <summary>The driver's configuration of the UART, written through the ports as A's driver would have done.</summary>
    private void ProgramUart()
    {
        var uart = Devices.Uart;
        var values = Plan.Uart;
        if (values.ContainsKey("dll") || values.ContainsKey("dlm"))
        {
            uart.Out(0x3FB, 1, 0x80);
            uart.Out(0x3F8, 1, values.GetValueOrDefault("dll", uart.Divisor & 0xFFu));
            uart.Out(0x3F9, 1, values.GetValueOrDefault("dlm", (uint)(uart.Divisor >> 8)));
            uart.Out(0x3FB, 1, 0);
        }

        foreach (var name in new[] { "lcr", "fcr", "mcr", "scr", "ier" })
        {
            if (values.TryGetValue(name, out var value))
            {
                uart.Out((ushort)(0x3F8 + UartOffsets[name]), 1, value);
            }
        }
    }

    /// <summary>The UART registers A's driver sets, with their port offsets (dll and dlm behind the divisor latch).</summary>
    public static IReadOnlyDictionary<string, ushort> UartOffsets { get; } = new Dictionary<string, ushort>(StringComparer.Ordinal)
    {
        ["ier"] = 1, ["fcr"] = 2, ["lcr"] = 3, ["mcr"] = 4, ["scr"] = 7, ["dll"] = 0, ["dlm"] = 1,
    };

    /// <summary>Builds and attaches the scenario's programmable devices (<see cref="ProgrammableDeviceLayout"/>).</summary>
    private void AttachProgrammable(DiagnosticBag? diagnostics)
    {
        foreach (var spec in Plan.Devices.Where(d => d.Type.Value.Equals("programmable", StringComparison.OrdinalIgnoreCase)))
        {
            if (AttachError(spec) is { } error)
            {
                Report(diagnostics, PlanCatalogue.DeviceLayout, error.Span, error.Text);
            }
        }
    }

    private (SourceSpan Span, string Text)? AttachError(DeviceSpec spec)
    {
        var (device, span, error) = ProgrammableDeviceLayout.Create(spec, Devices.Pic, Machine.Memory);
        if (device is null)
        {
            return (span, error ?? $"programmable device '{spec.Name.Value}' could not be built");
        }

        if (spec.Irq is { } irq && _programmable.FirstOrDefault(d => DeclaredIrq(d.Name) == irq.Value) is { } sharing)
        {
            return (irq.Span, $"IRQ {irq.Value} of '{spec.Name.Value}' is already {sharing.Name}'s");
        }

        // A window over RAM would hide it from the guest while A's memory state still read it.
        if (spec.Mmio is [var mmio] && mmio.Start.Value < Machine.Memory.Size)
        {
            return (mmio.Span, $"the MMIO range of '{spec.Name.Value}' lies in RAM (below 0x{Machine.Memory.Size:x}); put it in the hole above RAM");
        }

        if (spec.Mmio is [var window] && Machine.Bus.IsMmio(window.Start.Value, window.Size.Value))
        {
            return (window.Span, $"the MMIO range of '{spec.Name.Value}' overlaps another device's");
        }

        try
        {
            if (device.Ports.Count > 0)
            {
                Machine.Bus.Attach((IPortDevice)device);
            }

            if (device.MmioRanges.Count > 0)
            {
                Machine.Bus.Attach((IMmioDevice)device);
            }
        }
        catch (InvalidOperationException ex)
        {
            return (spec.Ports.Count > 0 ? spec.Ports[0].Span : spec.Span, $"the ports of '{spec.Name.Value}' overlap another device's: {ex.Message}");
        }

        _programmable.Add(device);
        return null;
    }

    private static void Report(DiagnosticBag? diagnostics, DiagnosticDescriptor descriptor, SourceSpan span, params object?[] args)
    {
        if (diagnostics is null)
        {
            throw new InvalidOperationException($"the planned machine could not be built: {descriptor.Create(span, args).Message}");
        }

        diagnostics.Report(descriptor, span, args);
    }
}
