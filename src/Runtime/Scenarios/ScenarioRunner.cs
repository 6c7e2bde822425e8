using System.Globalization;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Kernel.Relocate;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Scenarios;

/// <summary>
/// Executes one scenario: builds the machine and kernel A, resolves the images, runs the steps (load, unload, jump,
/// fault, expect) and decides the outcome (DESIGN 5). Deterministic: the same scenario gives the same result.
/// </summary>
public sealed partial class ScenarioRunner
{
    private const ulong DefaultRam = 64UL << 20;
    private const ulong EnvironmentBase = 0x100000;
    private readonly Scenario _scenario;
    private readonly string _baseDirectory;
    private readonly List<(SourceSpan Span, string Text)> _messages = [];
    private readonly List<string> _console = [];
    private X86Machine _machine = null!;
    private MachineDevices _devices = null!;
    private IKernelEnvironment _env = null!;
    private KernelModel _kernel = null!;
    private IJumpDriver _driver = null!;
    private StateCapture? _before;
    private StateCapture? _after;
    private Gap? _gap;
    private CrashState? _crash;
    private bool _failed;
    private OutcomeKind? _terminal;
    private ulong _pagesSwapped;
    private string? _heldLockFor;
    private ScenarioPm _pm = new(0);
    private Action? _loseDeviceState;
    private readonly List<ProgrammableDevice> _programmable = [];
    private readonly Dictionary<string, ulong> _labels = new(StringComparer.Ordinal);

    private ScenarioRunner(Scenario scenario, string baseDirectory)
    {
        _scenario = scenario;
        _baseDirectory = baseDirectory;
    }

    /// <summary>Runs <paramref name="scenario"/>, reading image files relative to <paramref name="baseDirectory"/>.</summary>
    public static ScenarioResult Run(Scenario scenario, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var runner = new ScenarioRunner(scenario, baseDirectory);
        OutcomeKind actual;
        try
        {
            actual = runner.Execute();
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IOException or NotSupportedException)
        {
            runner._messages.Add((scenario.Span, $"KjTest could not run the scenario: {ex.Message}"));
            actual = OutcomeKind.Error;
        }

        return runner.Result(actual);
    }

    private ScenarioResult Result(OutcomeKind actual)
    {
        var expected = _scenario.Outcome;
        var passed = actual == expected.Kind.Value;
        if (passed && actual == OutcomeKind.Gap && _gap is not null)
        {
            passed = expected.Fields.All(f => _gap.Contains(f.Value));
        }

        var instructions = _driver?.Instructions ?? 0;
        return new ScenarioResult(_scenario.Name.Value, actual, expected, passed, _messages, _gap, _crash, new ScenarioStats(instructions, instructions, _pagesSwapped));
    }

    private OutcomeKind Execute()
    {
        if (_scenario.EffectiveArch == Arch.I386 && _scenario.EffectiveEra != Era.K27)
        {
            _messages.Add((_scenario.Era?.Span ?? _scenario.Span, "i386 is modelled for era k27 only so far"));
            return OutcomeKind.Error;
        }

        if (_scenario.EffectiveArch == Arch.X86_64 && _scenario.EffectiveEra == Era.K27)
        {
            _messages.Add((_scenario.Era?.Span ?? _scenario.Span, "era k27 is i386-only"));
            return OutcomeKind.Error;
        }

        if (Build() is { } error)
        {
            _messages.Add(error);
            return OutcomeKind.Error;
        }

        foreach (var step in _scenario.Steps)
        {
            var stop = step switch
            {
                LoadStep load => Load(load),
                UnloadStep unload => Unload(unload),
                JumpStep jump => Jump(jump),
                FaultStep fault => Fault(fault),
                ExpectStep expect => Expect(expect),
                _ => Error(step.Span, $"step {step.GetType().Name} is not supported"),
            };
            if (stop)
            {
                break;
            }
        }

        if (_terminal is { } terminal)
        {
            return terminal;
        }

        if (_failed)
        {
            return OutcomeKind.Fail;
        }

        return _gap is { IsEmpty: false } ? OutcomeKind.Gap : OutcomeKind.Pass;
    }

    private bool Error(SourceSpan span, string text)
    {
        _messages.Add((span, text));
        _terminal = OutcomeKind.Error;
        return true;
    }

    private void Fail(SourceSpan span, string text)
    {
        _messages.Add((span, text));
        _failed = true;
    }

    private (SourceSpan, string)? Build()
    {
        var ram = _scenario.Machine.RamSize?.Value ?? DefaultRam;
        if (ram < 16UL << 20)
        {
            return (_scenario.Machine.RamSize?.Span ?? _scenario.Span, "the machine needs at least 16 MiB of RAM for kernel A");
        }

        foreach (var device in _scenario.Machine.Devices)
        {
            var type = device.Type.Value.ToLowerInvariant();
            if (type is not ("uart16550" or "debugcon" or "pic8259" or "isa-debug-exit" or "programmable"))
            {
                return (device.Type.Span, $"device '{device.Name.Value}' of type {device.Type.Value} is not implemented yet (uart16550, debugcon, pic8259, isa-debug-exit and programmable are)");
            }
        }

        _machine = new MachineBuilder().WithMemory(ram).Build();
        _devices = MachineDevices.CreateDefault(_machine.Bus, b => _console.Add(((char)b).ToString()), b => _console.Add(((char)b).ToString()));
        _machine.Cpu.InterruptController = _devices.Pic;
        _pm = NewPm();
        if (ConfigurePic() is { } picError)
        {
            return picError;
        }

        foreach (var device in _scenario.Machine.Devices.Where(d => d.Type.Value.Equals("uart16550", StringComparison.OrdinalIgnoreCase)))
        {
            if (ConfigureUart(device) is { } uartError)
            {
                return uartError;
            }
        }

        if (AttachProgrammable() is { } programmableError)
        {
            return programmableError;
        }

        _env = I386 ? I386KernelEnvironment.Build(_machine, EnvironmentBase) : X86_64KernelEnvironment.Build(_machine, EnvironmentBase);

        foreach (var assignment in _scenario.State.Registers)
        {
            if (!RegisterFile.TrySet(_machine.Cpu, assignment.Name.Value, assignment.Value.Value))
            {
                return (assignment.Span, $"register {assignment.Name.Value} does not exist on this machine");
            }
        }

        foreach (var init in _scenario.Memory)
        {
            var (bytes, error) = ImageResolver.Content(_scenario, init.Content, init.Address.Value, _baseDirectory);
            if (error is not null)
            {
                return (init.Span, error);
            }

            _machine.Memory.Write(init.Address.Value, bytes);
        }

        var reserved = new List<PhysicalRange> { new(0, 0x100000), new(_env.Base, _env.Size) };
        reserved.AddRange(_scenario.Machine.MemoryMap.Where(r => r.Kind.Value == MemoryRegionKind.Reserved)
            .Select(r => new PhysicalRange(r.Range.Start.Value, r.Range.Size.Value)));
        var k = _scenario.Kernel;
        var config = new KernelConfig
        {
            Era = _scenario.EffectiveEra switch { Era.K614 => KernelEra.K614, Era.K30 => KernelEra.K30, Era.K27 => KernelEra.K27, _ => KernelEra.Cur },
            Arch = I386 ? KernelArch.I386 : KernelArch.X86_64,
            Ram = [new PhysicalRange(0, ram)],
            Reserved = reserved,
            CapSysBoot = k.CapSysBoot?.Value ?? true,
            KexecLoadDisabled = k.KexecLoadDisabled?.Value ?? false,
            LoadLimitReboot = (int)(k.LoadLimitReboot?.Value ?? -1),
            LoadLimitPanic = (int)(k.LoadLimitPanic?.Value ?? -1),
            Lockdown = k.Lockdown?.Value ?? false,
            KexecJump = k.KexecJump?.Value ?? true,
            LsmErrno = k.LsmError is { } lsm && Dsl.Vocabulary.Errno.TryGet(lsm.Value, out var e) ? e : 0,
            CrashKernel = k.CrashKernel is { } crash ? new PhysicalRange(crash.Start.Value, crash.Size.Value) : null,
        };
        _kernel = KernelModel.Create(config, _machine.Memory, [], _scenario.Seed?.Value);

        var bug = RelocateBug.None;
        foreach (var fault in _scenario.Steps.OfType<FaultStep>().Where(f => f.Kind.Value == "relocate_bug"))
        {
            var name = Text(fault, "bug");
            var why = name?.ToUpperInvariant() switch
            {
                "B1" => "relocate bug B1 is not an injection: it is the K30 era's own machine_kexec (use era: k30)",
                "B5" when I386 || config.Era is KernelEra.K30 or KernelEra.K27 => "relocate bug B5 is a 6.14 regression (5a82223e0743 made the control page read-only in the kernel map); this era's control page is writable, so there is no stale read-only entry to hit",
                "B20" => "relocate bug B20 is not implemented: skipping wbinvd only matters with stale encrypted cache lines, and the machine has no cache model",
                "B6" when I386 => "relocate bug B6 is an x86_64 regression (2cacf7f23a02); the i386 routine is not built with it",
                _ => null,
            };
            if (why is not null)
            {
                return (fault.Span, why);
            }

            if (!Enum.TryParse(name, ignoreCase: true, out bug) || bug == RelocateBug.None)
            {
                return (fault.Span, $"relocate bug {name} is not implemented yet (B2, B2a, B3, B4, B5, B6 are)");
            }
        }

        Func<ulong, byte[]>? user = null;
        if (_scenario.Relocate is { } relocate)
        {
            var image = _scenario.Images.FirstOrDefault(i => i.Name.Value == relocate.Image.Value);
            if (image is null)
            {
                return (relocate.Image.Span, $"relocate image '{relocate.Image.Value}' is not defined");
            }

            user = controlPage =>
            {
                var asm = image.Segments.Count > 0 ? image.Segments[0].Content : null;
                var (bytes, error) = ImageResolver.Content(_scenario, asm, controlPage, _baseDirectory);
                return bytes ?? throw new InvalidOperationException($"relocate image '{image.Name.Value}': {error}");
            };
        }

        var limits = _scenario.Limits;
        var settings = new JumpSettings
        {
            // A user routine follows its declared convention (CUR/K614: rsi = control page; K30: page_list).
            Era = _scenario.Relocate is { } r ? r.Convention.Value switch { Era.K30 => KernelEra.K30, Era.K614 => KernelEra.K614, Era.K27 => KernelEra.K27, _ => KernelEra.Cur } : config.Era,
            Bug = bug,
            UserRelocate = user,
            MaxInstructions = limits.MaxInstructions?.Value ?? 20_000_000,
            WallClock = limits.TimeoutMilliseconds is { } ms ? TimeSpan.FromMilliseconds(ms.Value) : null,
        };
        void ToConsole(byte[] bytes) => _console.Add(new string(bytes.Select(b => (char)b).ToArray()));
        _driver = _env switch
        {
            I386KernelEnvironment i386 => new I386JumpDriver(_machine, i386, _kernel, settings, ToConsole),
            X86_64KernelEnvironment x64 => new X86_64JumpDriver(_machine, x64, _kernel, settings, ToConsole),
            _ => throw new InvalidOperationException("unknown environment"),
        };
        return null;
    }

    /// <summary>Builds and attaches the scenario's programmable devices (<see cref="ProgrammableDeviceLayout"/>).</summary>
    private (SourceSpan, string)? AttachProgrammable()
    {
        foreach (var spec in _scenario.Machine.Devices.Where(d => d.Type.Value.Equals("programmable", StringComparison.OrdinalIgnoreCase)))
        {
            var (device, span, error) = ProgrammableDeviceLayout.Create(spec, _devices.Pic, _machine.Memory);
            if (device is null)
            {
                return (span, error ?? $"programmable device '{spec.Name.Value}' could not be built");
            }

            if (spec.Irq is { } irq && _programmable.FirstOrDefault(d => DeclaredIrq(d.Name) == irq.Value) is { } sharing)
            {
                return (irq.Span, $"IRQ {irq.Value} of '{spec.Name.Value}' is already {sharing.Name}'s");
            }

            // A window over RAM would hide it from the guest while A's memory state still read it.
            if (spec.Mmio is [var mmio] && mmio.Start.Value < _machine.Memory.Size)
            {
                return (mmio.Span, $"the MMIO range of '{spec.Name.Value}' lies in RAM (below 0x{_machine.Memory.Size:x}); put it in the hole above RAM");
            }

            if (spec.Mmio is [var window] && _machine.Bus.IsMmio(window.Start.Value, window.Size.Value))
            {
                return (window.Span, $"the MMIO range of '{spec.Name.Value}' overlaps another device's");
            }

            try
            {
                if (device.Ports.Count > 0)
                {
                    _machine.Bus.Attach((IPortDevice)device);
                }

                if (device.MmioRanges.Count > 0)
                {
                    _machine.Bus.Attach((IMmioDevice)device);
                }
            }
            catch (InvalidOperationException ex)
            {
                return (spec.Ports.Count > 0 ? spec.Ports[0].Span : spec.Span, $"the ports of '{spec.Name.Value}' overlap another device's: {ex.Message}");
            }

            _programmable.Add(device);
        }

        return null;
    }

    private ulong? DeclaredIrq(string device) => _scenario.Machine.Devices.FirstOrDefault(d => d.Name.Value == device)?.Irq?.Value;

    private ProgrammableDevice? Programmable(string? name) => _programmable.FirstOrDefault(d => d.Name == name);

    /// <summary>Every device's registers: the machine's standard set, then the scenario's programmable devices in declaration order.</summary>
    private List<DeviceSnapshot> DeviceSnapshots() => [.. _devices.Snapshot(), .. _programmable.Select(d => d.Snapshot())];

    private (SourceSpan, string)? ConfigureUart(DeviceSpec device)
    {
        // The driver's configuration, written through the ports as A's driver would have done.
        var uart = _devices.Uart;
        var values = device.Registers.ToDictionary(r => r.Name.Value.ToLowerInvariant(), r => (uint)r.Value.Value, StringComparer.Ordinal);
        var offsets = new Dictionary<string, ushort>(StringComparer.Ordinal) { ["ier"] = 1, ["fcr"] = 2, ["lcr"] = 3, ["mcr"] = 4, ["scr"] = 7, ["dll"] = 0, ["dlm"] = 1 };
        foreach (var register in device.Registers.Where(r => !offsets.ContainsKey(r.Name.Value.ToLowerInvariant())))
        {
            return (register.Span, $"uart16550 register {register.Name.Value} cannot be set (ier, fcr, lcr, mcr, scr, dll and dlm can)");
        }

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
                uart.Out((ushort)(0x3F8 + offsets[name]), 1, value);
            }
        }

        return null;
    }

    private static readonly HashSet<string> DevicePhases = new(Dsl.Vocabulary.PmPhases.DeviceCallbacks, StringComparer.Ordinal);

    private bool I386 => _scenario.EffectiveArch == Arch.I386;

    private int Bitness => I386 ? 32 : 64;

    private static string Hex(UInt128 value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

    private static string? Text(FaultStep fault, string name) =>
        fault.Parameters.FirstOrDefault(p => p.Name.Value == name)?.Value is ScalarValue s ? s.Text : null;
}
