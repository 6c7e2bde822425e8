using System.Text.RegularExpressions;

namespace KjTest.Cli.Tests.Commands;

public sealed partial class TraceCommandTests
{
    private static string Smallest => Path.Combine(CliTester.Scenarios, "smallest-kexec-jump.yaml");

    private static string CrashData => Path.Combine(CliTester.Root, "tests", "KjTest.Cli.Tests", "Run", "Data", "k30-gdt-jump-ok.yaml");

    [Test]
    public void Trace_of_the_smallest_kexec_jump_names_the_relocate_routine_and_both_kernels()
    {
        var run = CliTester.Run("trace", Smallest);

        Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
        var lines = Instructions(run.Out);
        Assert.That(lines, Has.Some.Contains(" relocate_kernel+0x"));
        Assert.That(lines, Has.Some.Contains(" swap_pages"));
        Assert.That(lines, Has.Some.Contains(" A:machine_kexec"));
        Assert.That(lines, Has.Some.Contains(" A:restore_processor_state"));
        Assert.That(lines, Has.Some.Match(@" B:start\s+rdx=0x"), "B's own label, with the register its first instruction changes");
        Assert.That(lines, Has.Some.Contains("call swap_pages"), "branch targets are named too");
        Assert.That(run.Out, Does.EndWith($"PASS smallest-kexec-jump (pass) {Smallest}\n"));
    }

    [Test]
    public void A_trace_line_shows_physical_and_linear_address_bytes_instruction_symbol_and_changed_registers()
    {
        var lines = Instructions(CliTester.Run("trace", Smallest).Out);

        Assert.That(
            lines[0],
            Does.Match(@"^  0000000000105000 ffff888000105000  49 89 d2 +mov r10,rdx +A:machine_kexec +r10=0x400000$"));
    }

    [Test]
    public void From_and_to_narrow_the_trace_to_the_window_between_the_points()
    {
        var full = Instructions(CliTester.Run("trace", Smallest).Out);

        var run = CliTester.Run("trace", Smallest, "--from", "machine_kexec", "--to", "relocate_return");

        Assert.That(run.ExitCode, Is.Zero, run.Out + run.Error);
        var window = Instructions(run.Out);
        Assert.That(window, Has.Count.GreaterThan(10).And.Count.LessThan(full.Count));
        Assert.That(window[0], Does.Contain("mov rax,0xffff888003fff000").And.Contain("A:machine_kexec+0x"), "the first line is the instruction at the point");
        Assert.That(window[^1], Does.Contain(" jump_back"), "relocate_return is the jump-back entry");
        var start = full.IndexOf(window[0]);
        Assert.That(full.Skip(start).Take(window.Count), Is.EqualTo(window));
    }

    [Test]
    public void From_callee_starts_at_the_image_entry()
    {
        var window = Instructions(CliTester.Run("trace", Smallest, "--from", "callee", "--count", "2").Out);

        Assert.That(window, Has.Count.EqualTo(2));
        Assert.That(window[0], Does.StartWith("  0000000000400000 0000000000400000  66 ba f8 03"));
    }

    [Test]
    public void Count_limits_the_lines_and_says_how_many_were_left_out()
    {
        var full = Instructions(CliTester.Run("trace", Smallest).Out);

        var run = CliTester.Run("trace", Smallest, "--count", "5");

        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(Instructions(run.Out), Is.EqualTo(full.Take(5)));
        Assert.That(run.Out, Does.Contain($"  ... {full.Count - 5} more instructions not shown"));
    }

    [Test]
    public void Last_shows_the_final_instructions_of_the_window()
    {
        var full = Instructions(CliTester.Run("trace", Smallest).Out);

        var run = CliTester.Run("trace", Smallest, "--last", "4");

        Assert.That(Instructions(run.Out), Is.EqualTo(full.TakeLast(4)));
    }

    [Test]
    public void Unknown_point_is_a_usage_error_with_a_hint()
    {
        var run = CliTester.Run("trace", Smallest, "--to", "relocate_retrun");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("unknown point 'relocate_retrun' for --to").And.Contain("did you mean `relocate_return`?"));
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public void A_point_of_kernel_kexec_c_code_is_a_usage_error()
    {
        var run = CliTester.Run("trace", Smallest, "--from", "freeze");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("kernel_kexec's C code"));
    }

    [Test]
    public void Count_and_last_together_are_a_usage_error()
    {
        var run = CliTester.Run("trace", Smallest, "--count", "3", "--last", "3");

        Assert.That(run.ExitCode, Is.EqualTo(2));
    }

    [Test]
    public void An_invalid_scenario_prints_its_diagnostics_and_exits_2()
    {
        using var folder = new TempFolder();
        var file = folder.Write("bad.yaml", "name: bad\nimages: []\nsteps:\n  - jump: ok\n  - nonsense: 1\n");

        var run = CliTester.Run("trace", file);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Does.Contain("error KJ"));
        Assert.That(Instructions(run.Out), Is.Empty);
    }

    [Test]
    public void The_trace_of_a_crash_ends_at_the_faulting_instruction()
    {
        var run = CliTester.Run("trace", CrashData, "--last", "1");

        Assert.That(run.ExitCode, Is.EqualTo(1));
        Assert.That(Instructions(run.Out).Single(), Does.Contain("ffff8880001050b0").And.Contain("mov ss,ax").And.EndWith("!! #GP(0x18)"));
    }

    [Test]
    public void Crash_report_contains_the_32_instructions_ending_at_the_faulting_one()
    {
        var run = CliTester.Run("run", CrashData);

        Assert.That(run.ExitCode, Is.EqualTo(1));
        var report = run.Out.Split('\n');
        var heading = Array.FindIndex(report, l => l.Contains("the last 32 instructions before the crash", StringComparison.Ordinal));
        Assert.That(heading, Is.GreaterThan(0), run.Out);
        var lines = report.Skip(heading + 1).TakeWhile(l => l.StartsWith("    ", StringComparison.Ordinal) && InstructionLine().IsMatch(l[4..])).ToList();
        Assert.That(lines, Has.Count.EqualTo(32));
        Assert.That(lines[^1], Does.Contain(" ffff8880001050b0 ").And.Contain("A:restore_processor_state+0x").And.EndWith("!! #GP(0x18)"));

        // The same instructions as the trace command gives: the report's crash trace is a deterministic second run.
        var traced = Instructions(CliTester.Run("trace", CrashData, "--last", "32").Out);
        Assert.That(lines.Select(l => l[4..]), Is.EqualTo(traced));
    }

    [Test]
    public void A_stated_triple_fault_that_passes_prints_no_instructions()
    {
        // B1 on K30 stated as the jump's result (`jump: triple_fault`), so the run passes without a crash outcome.
        using var folder = new TempFolder();
        var text = File.ReadAllText(Path.Combine(CliTester.Scenarios, "b1-gdt-not-restored.yaml"));
        text = text[..text.IndexOf("outcome:", StringComparison.Ordinal)] + "era: k30\n" + text[text.IndexOf("machine:", StringComparison.Ordinal)..];
        text = text[..text.IndexOf("  - jump: ok", StringComparison.Ordinal)] + "  - jump: triple_fault\n";
        var run = CliTester.Run("run", folder.Write("b1-stated.yaml", text), "--verbose");

        Assert.That(run.ExitCode, Is.Zero, run.Out);
        Assert.That(run.Out, Does.Not.Contain("instructions before the crash"));
    }

    [Test]
    public void A_per_era_scenario_is_traced_on_the_era_asked_for()
    {
        var path = Path.Combine(CliTester.Scenarios, "b1-gdt-not-restored.yaml");

        var unchosen = CliTester.Run("trace", path);
        var chosen = CliTester.Run("trace", path, "--era", "k30", "--last", "4");

        Assert.That(unchosen.ExitCode, Is.EqualTo(2));
        Assert.That(unchosen.Error, Does.Contain("states an outcome per era (cur, k614, k30); choose the one to trace with --era"));
        Assert.That(chosen.ExitCode, Is.Zero, chosen.Out + chosen.Error);
        Assert.That(chosen.Out, Does.StartWith("trace b1-gdt-not-restored[k30] (").And.Contain("era k30"));
        Assert.That(Instructions(chosen.Out), Has.Count.EqualTo(4));
    }

    private static List<string> Instructions(string output) =>
        [.. output.Split('\n').Where(l => InstructionLine().IsMatch(l))];

    [GeneratedRegex("^  [0-9a-f?]{16} [0-9a-f]{16}  ")]
    private static partial Regex InstructionLine();
}
