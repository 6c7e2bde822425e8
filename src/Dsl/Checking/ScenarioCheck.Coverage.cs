using KjTest.Abi;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Checking;

/// <summary>
/// No silent passes: a scenario, a fault or an expectation that can never make the run fail is refused, and a jump
/// whose effect on A nobody looks at is a warning.
/// </summary>
internal sealed partial class ScenarioCheck
{
    /// <summary>The checks over the steps as a whole; run after the per-step checks.</summary>
    private void Coverage()
    {
        var steps = _scenario.Steps;

        // Every load and unload compares kexec_load's result with its expect (ok when unwritten) and every jump
        // reboot's; expect steps look at A after them. Without one of the three, only A's own initial state is left.
        var checksSomething = steps.Any(s => s is LoadStep or UnloadStep or JumpStep);
        if (!checksSomething)
        {
            _diagnostics.ReportWithHint(
                DiagnosticCatalogue.ChecksNothing,
                _scenario.Name.Span,
                Spelled(
                    "add the steps under test: a load of an image, a jump and an expect step, e.g. `- load: b`, `- jump: ok`, `- expect: { preserved: all }`",
                    "add the steps under test: a load of an image, a jump and an expect step, e.g. `load b`, `jump expect ok`, `expect preserved all`"),
                _scenario.Name.Value);
        }

        for (var i = 0; i < steps.Count; i++)
        {
            if (steps[i] is FaultStep fault && FaultKinds.All.ContainsKey(fault.Kind.Value))
            {
                var target = FaultTarget(fault);
                var fires = steps.Skip(i + 1).Any(s => target == "load" ? s is LoadStep : s is JumpStep);
                if (!fires)
                {
                    _diagnostics.ReportWithHint(
                        DiagnosticCatalogue.FaultNeverFires,
                        fault.Span,
                        $"a fault acts on the next {target} after it; add the {target} step it is meant for",
                        fault.Kind.Value,
                        target);
                }
            }
        }

        // Like the planner's warnings, this one is about a scenario that is otherwise valid. A scenario stating crash
        // or timeout ends at the jump that crashes, so no expect step after it would run.
        var endsAtJump = _diagnostics.HasErrors
            || _scenario.EraOutcomes.Select(r => r.Outcome).Append(_scenario.Outcome).Any(o => o.Kind.Value is OutcomeKind.Crash or OutcomeKind.Timeout);
        var last = steps.Select((step, index) => (step, index)).LastOrDefault(p => p.step is JumpStep);
        if (!endsAtJump && last.step is JumpStep jump && IsOk(jump.Expect) && !steps.Skip(last.index + 1).Any(s => s is ExpectStep))
        {
            _diagnostics.ReportWithHint(
                DiagnosticCatalogue.NothingCheckedAfterJump,
                jump.Span,
                Spelled(
                    "only the jump's return value is compared; add `- expect: { preserved: all }` (or the fields it should keep) after it",
                    "only the jump's return value is compared; add `expect preserved all` (or the fields it should keep) after it"));
        }
    }

    /// <summary>The step a fault acts on: kexec_load for the allocation and held-lock faults, else reboot(KEXEC).</summary>
    private static string FaultTarget(FaultStep fault) => fault.Kind.Value switch
    {
        "alloc_failure" => "load",
        "lock_held" => fault.Parameters.FirstOrDefault(p => p.Name.Value == "during")?.Value is ScalarValue { Text: "jump" } ? "jump" : "load",
        _ => "jump",
    };

    private static bool IsOk(Located<string> expect) => string.Equals(expect.Value, Errno.Ok, StringComparison.OrdinalIgnoreCase);

    /// <summary>A hint in the syntax of the file the scenario was read from.</summary>
    private string Spelled(string yaml, string kjt) =>
        _scenario.Span.Path.EndsWith(".kjt", StringComparison.OrdinalIgnoreCase) ? kjt : yaml;

    /// <summary>Reports an expectation (or expect step) that cannot fail.</summary>
    private void EmptyExpectations(Expectation expectation)
    {
        var why = expectation switch
        {
            KimageExpectation { Parameters.Count: 0 } => ("the kimage expectation", "it names no fact of the kimage (segments, source_pages, ...)"),
            RegisterExpectation { Mask.Value: var mask } register when mask == UInt128.Zero => ($"the expectation of '{register.Register.Value}'", "its mask is 0, so no bit is compared"),
            MemoryExpectation { Hash: not null, Size.Value: 0 } => ("the memory expectation", "it hashes 0 bytes"),
            MemoryExpectation { Bytes: FillContent { Size.Value: 0 } } => ("the memory expectation", "it compares 0 bytes"),
            ConsoleExpectation { Match.Value: ConsoleMatch.Contains, Text.Value: "", Hex: null } => ("the console expectation", "every output contains the empty text"),
            PreservedExpectation preserved when FullyExcepted(preserved) => ("the preserved expectation", "everything in the classes it names is excepted"),
            _ => ((string, string)?)null,
        };
        if (why is var (what, reason))
        {
            _diagnostics.Report(DiagnosticCatalogue.ExpectationChecksNothing, expectation.Span, what, reason);
        }
    }

    /// <summary>
    /// True when a preserved expectation compares nothing: each class it names is excepted whole. Device state is
    /// never taken as excepted whole, since the standard devices exist whether declared or not.
    /// </summary>
    private bool FullyExcepted(PreservedExpectation preserved)
    {
        // No class written means every class, devices included.
        if (preserved.Classes.Count == 0)
        {
            return false;
        }

        var excepted = new HashSet<string>(preserved.ExceptRegisters.Select(r => r.Value), StringComparer.OrdinalIgnoreCase);
        excepted.UnionWith(preserved.Masks.Where(m => m.Mask.Value == UInt128.Zero).Select(m => m.Register.Value));
        return preserved.Classes.All(c => c.Value switch
        {
            StateClass.Memory => Covers(preserved.ExceptMemory),
            StateClass.Cpu or StateClass.Fpu => Registers.Names
                .Select(Registers.Find)
                .Where(info => info is not null && info.Class == c.Value && info.ExistsOn(_arch))
                .All(info => excepted.Contains(info!.Name)),
            _ => false,
        });
    }

    /// <summary>True when <paramref name="ranges"/> together cover the whole of the machine's memory.</summary>
    private bool Covers(IReadOnlyList<MemoryRange> ranges)
    {
        var sorted = ranges.Where(r => r.Size.Value > 0).OrderBy(r => r.Start.Value).ToList();
        foreach (var (start, end) in Memory())
        {
            var covered = start;
            foreach (var range in sorted)
            {
                if (range.Start.Value <= covered && range.End > covered)
                {
                    covered = range.End;
                }
            }

            if (covered < end)
            {
                return false;
            }
        }

        return true;
    }
}
