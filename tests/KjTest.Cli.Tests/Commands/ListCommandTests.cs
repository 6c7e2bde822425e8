namespace KjTest.Cli.Tests.Commands;

public sealed class ListCommandTests
{
    [Test]
    public void Lists_name_tags_and_file_in_aligned_columns()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.yaml", "name: first\ntags: [smoke, cur]\nsteps:\n  - jump: EINVAL\n");
        var b = folder.Write("b.yaml", "name: second-one\nsteps:\n  - jump: EINVAL\n");

        var run = CliTester.Run("list", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Out, Is.EqualTo($"first       smoke,cur  {a}\nsecond-one             {b}\n"));
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public void Invalid_files_are_left_out_reported_on_stderr_and_exit_2()
    {
        using var folder = new TempFolder();
        folder.Write("a.yaml", "name: fine\nsteps:\n  - jump: EINVAL\n");
        folder.Write("b.yaml", "name: broken\nsteps: [\n");

        var run = CliTester.Run("list", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Does.StartWith("fine"));
        Assert.That(run.Out, Does.Not.Contain("broken"));
        Assert.That(run.Error, Does.Contain("KJ1101").And.Contain("1 invalid file"));
    }

    [Test]
    public void Lists_every_bundled_scenario_in_both_syntaxes()
    {
        var run = CliTester.Run("list", CliTester.Scenarios);
        var files = Directory.GetFiles(CliTester.Scenarios, "*.yaml", SearchOption.AllDirectories).Length
            + Directory.GetFiles(CliTester.Scenarios, "*.kjt", SearchOption.AllDirectories).Length;

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(files));
        Assert.That(run.Out, Does.Contain("smallest-kexec-jump.yaml").And.Contain("smallest-kexec-jump.kjt"));
    }
}
