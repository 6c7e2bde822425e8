namespace KjTest.Cli.Tests.Commands;

/// <summary><c>--strict</c> on <c>check</c> and <c>run</c>: a warning is an error, so the file is invalid (exit 2).</summary>
public sealed class StrictOptionTests
{
    private const string Image = "images:\n  - name: b\n    segments:\n      - { mem: 0x400000, memsz: 0x1000, asm: \"mov dword [0x600010], 0xdeadbeef\\nret\" }\n";
    private const string Warns = "name: warns\n" + Image + "steps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n";
    private const string Clean = "name: clean\n" + Image + "steps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n  - expect: { preserved: [cpu] }\n";
    private const string Gap = "name: gap\n" + Image + "steps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n  - expect: { preserved: all }\n";

    [Test]
    public void Check_shows_a_warning_counts_it_and_exits_0()
    {
        using var folder = new TempFolder();
        var run = CliTester.Run("check", folder.Write("w.yaml", Warns));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out);
        Assert.That(run.Out, Does.Contain(": warning KJ1544: ").And.EndWith("1 file checked: 1 valid, 0 invalid, 0 errors, 1 warning\n"));
    }

    [Test]
    public void Check_strict_makes_the_warning_an_error_and_exits_2()
    {
        using var folder = new TempFolder();
        var run = CliTester.Run("check", "--strict", folder.Write("w.yaml", Warns));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Out);
        Assert.That(run.Out, Does.Contain(": error KJ1544: ").And.EndWith("1 file checked: 0 valid, 1 invalid, 1 error, 0 warnings\n"));
    }

    [Test]
    public void Check_strict_without_a_warning_exits_0()
    {
        using var folder = new TempFolder();
        var run = CliTester.Run("check", "--strict", folder.Write("c.yaml", Clean));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out);
        Assert.That(run.Out, Is.EqualTo("1 file checked: 1 valid, 0 invalid, 0 errors, 0 warnings\n"));
    }

    [Test]
    public void Run_shows_a_warning_and_still_runs()
    {
        using var folder = new TempFolder();
        var run = CliTester.Run("run", folder.Write("w.yaml", Warns));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out);
        Assert.That(run.Out, Does.Contain(": warning KJ1544: ").And.Contain("PASS warns (pass)").And.EndWith("1 passed, 0 failed\n"));
    }

    [Test]
    public void Run_strict_counts_a_file_with_a_warning_as_failed_runs_the_rest_and_exits_2()
    {
        using var folder = new TempFolder();
        var run = CliTester.Run("run", "--strict", folder.Write("w.yaml", Warns), folder.Write("c.yaml", Clean));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.Out);
        Assert.That(run.Out, Does.Contain(": error KJ1544: ").And.Contain("FAIL warns (error, stated pass)").And.Contain("PASS").And.EndWith("1 passed, 1 failed\n"));
        Assert.That(run.Error, Is.EqualTo("kjtest: 1 invalid input, counted as failed\n"));
    }

    [Test]
    public void Run_strict_without_a_warning_exits_0_when_everything_passes()
    {
        using var folder = new TempFolder();
        var run = CliTester.Run("run", "--strict", folder.Write("c.yaml", Clean));

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out);
        Assert.That(run.Out, Is.EqualTo($"PASS clean (pass) {folder.Path}/c.yaml\n1 passed, 0 failed\n"));
    }

    [Test]
    public void Run_strict_without_a_warning_exits_1_when_a_scenario_does_not_pass()
    {
        using var folder = new TempFolder();
        var run = CliTester.Run("run", "--strict", folder.Write("g.yaml", Gap));

        Assert.That(run.ExitCode, Is.EqualTo(1), run.Out);
        Assert.That(run.Out, Does.StartWith("FAIL gap (gap, stated pass)").And.EndWith("0 passed, 1 failed\n"));
    }
}
