using KjTest.Abi;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Values;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Eras;
using KjTest.Runtime.Kernel.Relocate;
using KjTest.Runtime.Machine.Memory;
using KjTest.Runtime.Scenarios.Faults;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>
/// Turns a checked scenario into a <see cref="RunPlan"/>: the one place that decides whether the runtime can do what
/// the scenario asks. Everything it cannot do is a diagnostic here, with its file, line and column, so that
/// <c>check</c> and <c>run</c> agree; the runner only executes plans. Planning builds the machine once and previews
/// every load (kexec_load runs no guest code), which is also what <c>kjtest explain</c> shows.
/// </summary>
public sealed partial class ScenarioPlanner
{
    private const ulong DefaultRam = 64UL << 20;
    private const ulong MinimumRam = 16UL << 20;
    private const ulong DefaultMaxInstructions = 20_000_000;

    // Console bytes are kept in one array per console.
    private const ulong MaximumConsoleBytes = 1UL << 30;

    private readonly Scenario _scenario;
    private readonly string _baseDirectory;
    private readonly DiagnosticBag _diagnostics = new();
    private readonly Dictionary<Step, PlannedFault> _bugFaults = [];

    private ScenarioPlanner(Scenario scenario, string baseDirectory)
    {
        _scenario = scenario;
        _baseDirectory = baseDirectory;
    }

    /// <summary>Plans <paramref name="scenario"/>, which the checker accepted, reading its files relative to <paramref name="baseDirectory"/>.</summary>
    public static PlanResult Plan(Scenario scenario, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new ScenarioPlanner(scenario, baseDirectory).Build();
    }

    private PlanResult Build()
    {
        // A skipped scenario does not run, so nothing of it needs to be possible.
        if (_scenario.Outcome.Kind.Value == OutcomeKind.Skip)
        {
            return Done(null);
        }

        var era = EraOf(_scenario.EffectiveEra);
        var arch = _scenario.EffectiveArch == Arch.I386 ? KernelArch.I386 : KernelArch.X86_64;
        if (!era.Supports(arch))
        {
            var span = _scenario.Arch?.Span ?? _scenario.Era?.Span ?? _scenario.Span;
            _diagnostics.Report(PlanCatalogue.EraLacksArch, span, era.Name, string.Join(", ", era.Arches.Select(ArchName)), ArchName(arch));
            return Done(null);
        }

        var ram = _scenario.Machine.RamSize?.Value ?? DefaultRam;
        if (ram < MinimumRam)
        {
            _diagnostics.Report(PlanCatalogue.RamTooSmall, _scenario.Machine.RamSize?.Span ?? _scenario.Span, ram / 1024);
            return Done(null);
        }

        if (ram > PhysicalMemory.MaximumSize)
        {
            _diagnostics.Report(PlanCatalogue.RamTooLarge, _scenario.Machine.RamSize?.Span ?? _scenario.Span, SizeSyntax.Format(ram));
            return Done(null);
        }

        if (_scenario.Limits.ConsoleBytes is { Value: > MaximumConsoleBytes } console)
        {
            _diagnostics.Report(PlanCatalogue.ConsoleLimitTooLarge, console.Span, SizeSyntax.Format(console.Value));
            return Done(null);
        }

        if (_scenario.Seed is { } seed && (ram >> PhysicalMemory.PageShift) > (ulong)KernelPageAllocator.MaximumShuffledPages)
        {
            _diagnostics.Report(PlanCatalogue.SeedOnLargeMachine, seed.Span, $"{KernelPageAllocator.MaximumShuffledPages} pages", $"{ram >> PhysicalMemory.PageShift} pages");
            return Done(null);
        }

        var state = new PlanState(_scenario, era, arch, ram);
        var machine = MachinePlan(state);
        if (machine is null || _diagnostics.HasErrors)
        {
            return Done(null);
        }

        state.Preview = ScenarioMachine.Build(machine, _baseDirectory, _scenario, _diagnostics);
        if (_diagnostics.HasErrors)
        {
            return Done(null);
        }

        var (steps, labels, previews) = PlanSteps(state);
        return Done(_diagnostics.HasErrors ? null : new RunPlan(_scenario, _baseDirectory, machine, steps, labels, previews));
    }

    private PlanResult Done(RunPlan? plan) => new(plan, _diagnostics.Items);

    private MachinePlan? MachinePlan(PlanState state)
    {
        var uart = UartRegisters();
        var pic = PicRegisters(state.Arch);
        var memory = new List<MemoryWrite>();
        foreach (var init in _scenario.Memory)
        {
            if (Content(init.Content, init.Address.Value) is { } bytes)
            {
                memory.Add(new MemoryWrite(init.Address.Value, bytes));
            }
        }

        // The relocate_bug steps choose the routine the machine is built with, so they are planned first.
        var bug = RelocateBug.None;
        foreach (var step in _scenario.Steps.OfType<FaultStep>().Where(f => f.Kind.Value == "relocate_bug"))
        {
            if (RelocateBugFault.Plan(new FaultPlanning(step, state, _diagnostics)) is RelocateBugFault planned)
            {
                if (_scenario.Relocate is not null)
                {
                    _diagnostics.Report(PlanCatalogue.FaultNeverTakesEffect, step.Span, "relocate_bug", "the scenario supplies its own relocate routine, which is run as written");
                }

                _bugFaults[step] = planned;
                bug = planned.Bug == RelocateBug.None ? bug : planned.Bug;
            }
        }

        UserRoutine? user = null;
        var convention = state.Era.Era;
        if (_scenario.Relocate is { } relocate)
        {
            var image = _scenario.Images.First(i => i.Name.Value == relocate.Image.Value);
            user = new UserRoutine(image.Name.Value, image.Segments.Count > 0 ? image.Segments[0].Content : null, relocate.Span);
            convention = EraOf(relocate.Convention.Value).Era;
        }

        var k = _scenario.Kernel;
        var kernel = new KernelConfig
        {
            Era = state.Era.Era,
            Arch = state.Arch,
            Reserved = [.. _scenario.Machine.MemoryMap.Where(r => r.Kind.Value == MemoryRegionKind.Reserved).Select(r => new PhysicalRange(r.Range.Start.Value, r.Range.Size.Value))],
            CapSysBoot = k.CapSysBoot?.Value ?? true,
            KexecLoadDisabled = k.KexecLoadDisabled?.Value ?? false,
            LoadLimitReboot = (int)(k.LoadLimitReboot?.Value ?? -1),
            LoadLimitPanic = (int)(k.LoadLimitPanic?.Value ?? -1),
            Lockdown = k.Lockdown?.Value ?? false,
            KexecJump = k.KexecJump?.Value ?? true,
            LsmErrno = k.LsmError is { } lsm && Errno.TryGet(lsm.Value, out var e) ? e : 0,
            CrashKernel = k.CrashKernel is { } crash ? new PhysicalRange(crash.Start.Value, crash.Size.Value) : null,
        };

        var limits = _scenario.Limits;
        return uart is null || pic is null ? null : new MachinePlan
        {
            Era = state.Era,
            Arch = state.Arch,
            Ram = state.RamSize,
            Devices = _scenario.Machine.Devices,
            Uart = uart,
            Pic = pic,
            State = [.. _scenario.State.Registers.Select(r => new RegisterWrite(r.Name.Value.ToLowerInvariant(), r.Value.Value, r.Span))],
            Memory = memory,
            Kernel = kernel,
            Seed = _scenario.Seed?.Value,
            Bug = bug,
            UserRoutine = user,
            Convention = convention,
            MaxInstructions = limits.MaxInstructions?.Value ?? DefaultMaxInstructions,
            TimeLimitMilliseconds = limits.TimeoutMilliseconds?.Value,
            ConsoleBytes = limits.ConsoleBytes?.Value ?? RunLimits.DefaultConsoleBytes,
        };
    }

    /// <summary>The UART registers the scenario's uart16550 declarations set; null after a diagnostic.</summary>
    private Dictionary<string, uint>? UartRegisters()
    {
        var values = new Dictionary<string, uint>(StringComparer.Ordinal);
        var ok = true;
        foreach (var register in _scenario.Machine.Devices.Where(d => d.Type.Value.Equals("uart16550", StringComparison.OrdinalIgnoreCase)).SelectMany(d => d.Registers))
        {
            var name = register.Name.Value.ToLowerInvariant();
            if (!ScenarioMachine.UartOffsets.ContainsKey(name))
            {
                _diagnostics.Report(PlanCatalogue.DeviceRegisterNotSettable, register.Name.Span, "uart16550", register.Name.Value, "A's driver sets ier, fcr, lcr, mcr, scr, dll and dlm; the others are status the UART itself keeps");
                ok = false;
            }
            else if (register.Value.Value > 0xFF)
            {
                _diagnostics.Report(PlanCatalogue.DeviceRegisterNotSettable, register.Span, "uart16550", register.Name.Value, "it is 8 bits wide");
                ok = false;
            }
            else
            {
                values[name] = (uint)register.Value.Value;
            }
        }

        return ok ? values : null;
    }

    /// <summary>The 8259A pair's bases and masks: Linux's, then what the scenario's pic8259 declares; null after a diagnostic.</summary>
    private Dictionary<string, byte>? PicRegisters(KernelArch arch)
    {
        var basis = arch == KernelArch.I386 ? ScenarioMachine.I386PicBase : ScenarioMachine.X86_64PicBase;
        var values = new Dictionary<string, byte>(StringComparer.Ordinal)
        {
            ["master.base"] = basis,
            ["slave.base"] = (byte)(basis + 8),
            ["master.imr"] = 0,
            ["slave.imr"] = 0,
        };
        var declared = _scenario.Machine.Devices.FirstOrDefault(d => d.Type.Value.Equals("pic8259", StringComparison.OrdinalIgnoreCase));
        var ok = true;
        foreach (var register in declared?.Registers ?? [])
        {
            var name = register.Name.Value.ToLowerInvariant();
            var why = !values.ContainsKey(name) ? "A's init_8259A sets master.imr, slave.imr, master.base and slave.base; the others are state the PIC itself keeps"
                : register.Value.Value > 0xFF ? "it is 8 bits wide"
                : name.EndsWith(".base", StringComparison.Ordinal) && (register.Value.Value & 7) != 0 ? "a vector base is a multiple of 8"
                : null;
            if (why is not null)
            {
                _diagnostics.Report(PlanCatalogue.DeviceRegisterNotSettable, register.Span, "pic8259", register.Name.Value, why);
                ok = false;
                continue;
            }

            values[name] = (byte)register.Value.Value;
        }

        return ok ? values : null;
    }

    /// <summary>The bytes of one content item placed at <paramref name="origin"/>; null after its diagnostics.</summary>
    private byte[]? Content(Content? content, ulong origin)
    {
        if (content is null)
        {
            return [];
        }

        var resolution = ScenarioMachine.Resolver.ResolveContent(_scenario, _baseDirectory, content, origin);
        foreach (var diagnostic in resolution.Diagnostics)
        {
            _diagnostics.Add(diagnostic);
        }

        return resolution.Succeeded ? resolution.Bytes : null;
    }

    // The scenario's era word names its row of the era table.
    private static EraTraits EraOf(Era era) =>
        EraTable.Named(era.ToString()) ?? throw new InvalidOperationException($"era {era} has no row in the era table");

    private static string ArchName(KernelArch arch) => arch == KernelArch.I386 ? "i386" : "x86_64";
}
