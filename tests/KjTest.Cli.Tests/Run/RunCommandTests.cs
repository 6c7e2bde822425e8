
namespace KjTest.Cli.Tests.Run;

public class RunCommandTests
{
    private const string Smallest = """
        name: smallest
        images:
          - name: b
            segments:
              - mem: 0x400000
                memsz: 0x1000
                asm: |
                  mov dx, 0x3f8
                  mov al, 0x42
                  out dx, al
                  ret
        steps:
          - load: b
            flags: [PRESERVE_CONTEXT]
          - jump: ok
          - expect:
              console: "B"
              preserved: all

        """;

    private const string Outside = """
        name: outside
        images:
          - name: b
            segments:
              - mem: 0x400000
                memsz: 0x1000
                asm: |
                  mov dword [0x600010], 0xdeadbeef
                  ret
        steps:
          - load: b
            flags: [PRESERVE_CONTEXT]
          - jump: ok
          - expect:
              preserved: all

        """;

    private string _directory = "";

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "kjtest-run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Passing_scenario_exits_0_with_the_summary_as_last_line()
    {
        var (code, text) = Run("run", Write("a.yaml", Smallest));

        Assert.That(code, Is.Zero, text);
        Assert.That(text, Does.StartWith("PASS smallest (pass)"));
        Assert.That(LastLine(text), Is.EqualTo("1 passed, 0 failed"));
    }

    [Test]
    public void Gap_is_reported_with_page_and_bytes_and_exit_code_1()
    {
        var (code, text) = Run("run", Write("b.yaml", Outside), Write("a.yaml", Smallest));

        Assert.That(code, Is.EqualTo(1));
        Assert.That(text, Does.Contain("FAIL outside (gap, stated pass)"));
        Assert.That(text, Does.Contain("page 0x600000: bytes +0x10..+0x14; first 00000000 -> efbeadde"));
        Assert.That(LastLine(text), Is.EqualTo("1 passed, 1 failed"));
    }

    [Test]
    public void Parallel_jobs_keep_the_input_order_and_stats_are_printed()
    {
        var first = Write("a.yaml", Smallest);
        var second = Write("b.yaml", Outside);

        var (_, serial) = Run("run", "--stats", first, second);
        var (_, parallel) = Run("run", "--stats", "--jobs", "2", first, second);

        Assert.That(parallel, Is.EqualTo(serial));
        Assert.That(serial, Does.Contain("stats: "));
        Assert.That(serial, Does.Contain("pages swapped"));
    }

    [Test]
    public void An_invalid_scenario_exits_2_and_counts_as_failed()
    {
        var (code, text) = Run("run", Write("bad.yaml", "name: x\nbogus: 1\n"));

        Assert.That(code, Is.EqualTo(2));
        Assert.That(text, Does.Contain("KJ1103").And.Contain("0 passed, 1 failed"));
    }

    [Test]
    public void Explain_prints_the_kimage_layout_and_the_plan_without_running()
    {
        var (code, text) = Run("explain", Write("a.yaml", Smallest));

        Assert.That(code, Is.Zero, text);
        Assert.That(text, Does.Contain("kexec_load: 0 (reference 2.3 row 26)"));
        Assert.That(text, Does.Contain("page 0x400000 <- 0x"));
        Assert.That(text, Does.Contain("indirection words"));
        Assert.That(text, Does.Contain("jump: reboot(LINUX_REBOOT_CMD_KEXEC), expect ok"));
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Text) Run(params string[] args)
    {
        var run = CliTester.Run(args);
        return (run.ExitCode, run.Out + run.Error);
    }

    private static string LastLine(string text) => text.TrimEnd('\n').Split('\n')[^1];
}
