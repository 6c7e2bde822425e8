namespace KjTest.Cli.Tests.Run;

/// <summary>
/// Limits are counted in the guest (instructions retired, emulated time at one instruction per nanosecond), so
/// scenarios that end right at their limits give byte-identical output and reports on every run, with one job or
/// two, while the host is loaded.
/// </summary>
public sealed class NearLimitDeterminismTests
{
    // Each loops ECX times (3 instructions an iteration) and returns; the limits sit just around the count.
    private static string Looper(string name, ulong count, string limits, string outcome, string body = "") => $$"""
        name: {{name}}
        limits: {{limits}}
        outcome: {{outcome}}
        images:
          - name: b
            entry: 0x400000
            segments:
              - mem: 0x400000
                memsz: 0x1000
                asm: |
                  mov ecx, {{count}}
                  spin:
                  dec ecx
                  nop
                  jnz spin
                  {{body}}
                  ret
        steps:
          - load: b
            flags: [PRESERVE_CONTEXT]
          - jump: ok
          - expect: { preserved: all }

        """;

    private static readonly (string File, string Text)[] Scenarios =
    [
        ("a-time-just-enough.yaml", Looper("time-just-enough", 900_000, "{ timeout_ms: 3 }", "pass")),
        ("b-time-just-short.yaml", Looper("time-just-short", 1_000_000, "{ timeout_ms: 3 }", "timeout")),
        ("c-budget-just-short.yaml", Looper("budget-just-short", 200_000, "{ max_instructions: 600_000 }", "timeout")),
        // A repeated compare of 1 MiB of zeroes stops inside the instruction, at the budget.
        ("d-rep-at-the-budget.yaml", Looper("rep-at-the-budget", 1, "{ max_instructions: 400_000 }", "timeout",
            "mov rdi, 0x1000000\n          mov rsi, 0x1100000\n          mov rcx, 0x100000\n          repe cmpsb")),
        ("e-rep-stated-to-pass.yaml", Looper("rep-stated-to-pass", 1, "{ max_instructions: 400_000 }", "pass",
            "mov rdi, 0x1000000\n          mov rsi, 0x1100000\n          mov rcx, 0x100000\n          repe cmpsb")),
    ];

    [Test]
    public void Scenarios_at_their_limits_give_identical_output_and_reports_with_one_or_two_jobs_under_load()
    {
        using var folder = new Commands.TempFolder();
        foreach (var (file, text) in Scenarios)
        {
            File.WriteAllText(Path.Combine(folder.Path, file), text);
        }

        using var load = new HostLoad();
        var runs = new List<(string Label, string Out, string Json)>();
        foreach (var jobs in new[] { "1", "2", "1", "2", "2" })
        {
            var json = Path.Combine(folder.Path, $"report-{runs.Count}.json");
            var run = CliTester.Run("run", folder.Path, "--jobs", jobs, "--stats", "--report", $"json={json}");
            Assert.That(run.ExitCode, Is.EqualTo(1), run.Out + run.Error);
            runs.Add(($"--jobs {jobs} (run {runs.Count + 1})", run.Out, Stable(File.ReadAllText(json))));
        }

        Assert.Multiple(() =>
        {
            // The last scenario is stated to pass and times out: the run fails, the others pass as stated.
            Assert.That(runs[0].Out, Does.Contain("4 passed, 1 failed"));
            Assert.That(runs[0].Out, Does.Contain("PASS time-just-short (timeout)"));
            Assert.That(runs[0].Out, Does.Contain("stats: 3000000 instructions, 3000 us emulated"));
            Assert.That(runs[0].Json, Does.Contain("emulated time limit of 3 ms (3000000 instructions at one per nanosecond)"));
            // The stop is inside the repeated compare, at its own address (resumable), after exactly the budget.
            Assert.That(runs[0].Out, Does.Contain("instruction budget of 400000 exhausted at rip=0x400019"));
            foreach (var (label, output, json) in runs.Skip(1))
            {
                Assert.That(output, Is.EqualTo(runs[0].Out), label);
                Assert.That(json, Is.EqualTo(runs[0].Json), label);
            }
        });
    }

    // The report's own times are the one part that may differ.
    private static string Stable(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, "\"(seconds)\":\\s*(\"[^\"]*\"|[0-9.eE+-]+)", "\"$1\":0");
}
