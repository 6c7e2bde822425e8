namespace KjTest.Cli.Tests.Commands;

public sealed class CheckCommandTests
{
    private const string Valid = "name: ok\nsteps:\n  - jump: EINVAL\n";

    [Test]
    public void Every_bundled_scenario_is_valid()
    {
        var run = CliTester.Run("check", CliTester.Scenarios);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out);
        Assert.That(run.Out, Does.Match(@"^\d+ files checked: \d+ valid, 0 invalid, 0 errors, 0 warnings\n$"));
    }

    [Test]
    public void An_invalid_file_prints_its_rendered_diagnostic_and_exits_2()
    {
        using var folder = new TempFolder();
        var bad = folder.Write("bad.yaml", "name: t\nsteps:\n  - jump: triplefault\n");

        var run = CliTester.Run("check", bad);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Is.EqualTo(
            $"{bad}:3:11: error KJ1503: 'triplefault' is not a jump outcome (ok, an errno name, triple_fault, timeout or crash)\n"
            + " 3 |   - jump: triplefault\n"
            + "   |           ^^^^^^^^^^^\n"
            + "  = hint: did you mean `triple_fault`?\n"
            + "1 file checked: 0 valid, 1 invalid, 1 error, 0 warnings\n"));
        Assert.That(run.Error, Is.Empty);
    }

    [Test]
    public void Folders_are_searched_recursively_for_scenario_extensions_only()
    {
        using var folder = new TempFolder();
        folder.Write("a.yaml", Valid);
        folder.Write("deep/er/b.yml", Valid);
        folder.Write("notes.txt", "not a scenario");

        var run = CliTester.Run("check", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(0));
        Assert.That(run.Out, Does.StartWith("2 files checked: 2 valid"));
    }

    [Test]
    public void Globs_expand_relative_to_their_fixed_prefix()
    {
        using var folder = new TempFolder();
        folder.Write("x/a.yaml", Valid);
        folder.Write("x/y/b.yaml", "name: t\nbogus: 1\nsteps: []\n");

        var flat = CliTester.Run("check", Path.Combine(folder.Path, "x", "*.yaml"));
        var deep = CliTester.Run("check", Path.Combine(folder.Path, "x", "**", "*.yaml"));

        Assert.That((flat.ExitCode, deep.ExitCode), Is.EqualTo((0, 2)));
        Assert.That(deep.Out, Does.Contain("KJ1103").And.EndWith("2 files checked: 1 valid, 1 invalid, 1 error, 0 warnings\n"));
    }

    [Test]
    public void A_path_matching_nothing_is_KJ1005_and_exits_2()
    {
        var run = CliTester.Run("check", "no/such/dir/*.yaml");

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Does.StartWith("kjtest: KJ1005: no scenario files match 'no/such/dir/*.yaml'\n"));
    }

    [Test]
    public void A_file_of_another_kind_named_directly_is_reported()
    {
        using var folder = new TempFolder();
        var text = folder.Write("notes.txt", "hello");

        var run = CliTester.Run("check", text);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Does.Contain("error KJ1004"));
    }

    [Test]
    public void Missing_paths_are_a_usage_error() =>
        Assert.That(CliTester.Run("check").ExitCode, Is.EqualTo(2));

    [Test]
    public void Folders_pick_up_kjt_files_and_check_them()
    {
        using var folder = new TempFolder();
        folder.Write("a.yaml", Valid);
        folder.Write("sub/b.kjt", "scenario \"b\"\n\nsteps\n  jump expect EINVAL\n");

        var run = CliTester.Run("check", folder.Path);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.Out);
        Assert.That(run.Out, Is.EqualTo("2 files checked: 2 valid, 0 invalid, 0 errors, 0 warnings\n"));
    }

    [Test]
    public void An_assembly_error_inside_a_kjt_block_is_reported_at_its_file_line_and_column()
    {
        using var folder = new TempFolder();
        var bad = folder.Write("b.kjt", "scenario \"b\"\n\nimage b\n  segment 0x400000 asm \"\"\"\n    start:\n      jmp nowhere\n    \"\"\"\n\nsteps\n  load b\n");

        var run = CliTester.Run("check", bad);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Out, Does.StartWith($"{bad}:6:11: error KJ1403: undefined symbol 'nowhere'\n"));
    }

    [Test]
    public void Image_files_are_found_relative_to_the_scenario_file()
    {
        using var folder = new TempFolder();
        folder.Write("deep/data/blob.bin", "abc");
        var scenario = folder.Write("deep/s.yaml", "name: s\nmemory:\n  - { at: 0x1000, file: data/blob.bin }\nsteps:\n  - jump: EINVAL\n");

        Assert.That(CliTester.Run("check", scenario).ExitCode, Is.EqualTo(0));
    }
}
