using System.Diagnostics;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Cli.Tests.Commands;

/// <summary>
/// <c>kjtest exec</c> end to end: guest output through the default devices, the guest's exit
/// status, and crashes and runaway guests as structured outcomes.
/// </summary>
public sealed class ExecCommandTests
{
    private const ulong LoadAddress = 0x10_0000;

    [Test]
    public void Debugcon_bytes_reach_stdout_and_isa_debug_exit_sets_the_exit_code()
    {
        var run = Exec(a =>
        {
            foreach (var ch in "hi\n")
            {
                a.mov(al, (byte)ch);
                a.@out(0xE9, al);
            }

            a.mov(al, 0x10);
            a.@out(0xF4, al);
            a.ud2();
        });

        Assert.That(run.Out, Is.EqualTo("hi\n"));
        Assert.That(run.ExitCode, Is.EqualTo((0x10 << 1) | 1), run.Error);
    }

    [Test]
    public void Uart_transmit_bytes_reach_stdout()
    {
        var run = Exec(a =>
        {
            a.mov(dx, 0x3F8);
            a.mov(al, (byte)'u');
            a.@out(dx, al);
            a.hlt();
        });

        Assert.That(run.Out, Is.EqualTo("u"));
        Assert.That(run.ExitCode, Is.Zero, run.Error);
    }

    [Test]
    public void Every_byte_value_reaches_stdout_unchanged_through_write_debugcon_and_the_uart()
    {
        // Bytes 0..255 in memory after the code; write(1, buf, 256), then the same bytes through port 0xE9 and the UART.
        var run = Exec(a =>
        {
            var data = a.CreateLabel();
            a.mov(eax, 1);
            a.mov(edi, 1);
            a.lea(rsi, __[data]);
            a.mov(edx, 256);
            a.syscall();
            foreach (ushort port in new ushort[] { 0xE9, 0x3F8 })
            {
                var loop = a.CreateLabel();
                a.lea(rsi, __[data]);
                a.mov(ecx, 256);
                a.mov(dx, port);
                a.Label(ref loop);
                a.lodsb();
                a.@out(dx, al);
                a.dec(ecx);
                a.jnz(loop);
            }

            a.hlt();
            a.Label(ref data);
            for (var b = 0; b < 256; b++)
            {
                a.db((byte)b);
            }
        });

        var expected = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.OutBytes, Is.EqualTo((byte[])[.. expected, .. expected, .. expected]));
    }

    [Test]
    public void Bytes_written_to_fd_2_reach_stderr_unchanged_before_the_crash_message()
    {
        var run = Exec(a =>
        {
            var data = a.CreateLabel();
            a.mov(eax, 1);
            a.mov(edi, 2);
            a.lea(rsi, __[data]);
            a.mov(edx, 2);
            a.syscall();
            a.ud2();
            a.Label(ref data);
            a.db(0xFF, 0x0A);
        });

        Assert.That(run.ExitCode, Is.EqualTo(125));
        Assert.That(run.Error, Does.StartWith("\uFFFD\nkjtest: guest crashed"), "one raw 0xFF byte, then the message");
    }

    [TestCase("ud2", "#UD")]
    [TestCase("divide by zero", "#DE")]
    [TestCase("non-canonical load", "#GP")]
    [TestCase("unmapped load", "#PF")]
    public void Faulting_guest_ends_as_a_triple_fault_with_its_fault_chain(string fault, string first)
    {
        var run = Exec(a =>
        {
            switch (fault)
            {
                case "ud2":
                    a.ud2();
                    break;
                case "divide by zero":
                    a.xor(ecx, ecx);
                    a.div(ecx);
                    break;
                case "non-canonical load":
                    a.mov(rbx, 0x8000_0000_0000_0000UL);
                    a.mov(rax, __[rbx]);
                    break;
                default:
                    a.mov(rbx, 0x7F_0000_0000UL);
                    a.mov(rax, __[rbx]);
                    break;
            }
        });

        Assert.That(run.ExitCode, Is.EqualTo(125), run.Error);
        Assert.That(run.Error, Does.Contain("TripleFault"));
        var chain = run.Error.Split('\n').Where(l => l.StartsWith("  #", StringComparison.Ordinal)).ToList();
        Assert.That(chain, Has.Count.GreaterThanOrEqualTo(3), run.Error);
        Assert.That(chain[0], Does.StartWith($"  {first}"), run.Error);
        Assert.That(chain, Has.Some.StartsWith("  #DF"), run.Error);
    }

    [Test]
    public void Infinite_loop_ends_as_a_timeout()
    {
        var run = Exec(a =>
        {
            var self = a.CreateLabel();
            a.Label(ref self);
            a.jmp(self);
        }, "--max-instructions", "100000");

        Assert.That(run.ExitCode, Is.EqualTo(124));
        Assert.That(run.Error, Does.Contain("InstructionLimit after 100000 instructions"));
    }

    [Test]
    public void Memory_option_sizes_the_guest_ram_and_rejects_nonsense()
    {
        // A byte stored at 256 MiB reads back only when RAM reaches past it (the default is 256 MiB).
        static void Code(Assembler a)
        {
            a.mov(rbx, 0x1000_0000UL);
            a.mov(__byte_ptr[rbx], 0x21);
            a.mov(al, __byte_ptr[rbx]);
            a.@out(0xF4, al);
        }

        Assert.That(Exec(Code, "--memory", "512M").ExitCode, Is.EqualTo((0x21 << 1) | 1));
        Assert.That(Exec(Code).ExitCode, Is.Not.EqualTo((0x21 << 1) | 1));
        var bad = Exec(Code, "--memory", "lots");
        Assert.That(bad.ExitCode, Is.EqualTo(2));
        Assert.That(bad.Error, Does.Contain("--memory"));
    }

    [Test]
    public void Compiled_guest_program_prints_its_golden_output()
    {
        var guests = Path.Combine(CliTester.Root, "tests", "Guests");
        using var folder = new TempFolder();
        var build = Process.Start(new ProcessStartInfo("gcc", "--version") { RedirectStandardOutput = true, UseShellExecute = false });
        if (build is null)
        {
            Assert.Ignore("gcc is not installed");
        }

        build.WaitForExit();
        var script = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        script.ArgumentList.Add(Path.Combine(guests, "build.sh"));
        script.ArgumentList.Add(folder.Path);
        using (var process = Process.Start(script)!)
        {
            var error = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.That(process.ExitCode, Is.Zero, error.Result);
        }

        foreach (var binary in new[] { "interp-x86_64-O2", "interp-i386-O2" })
        {
            var run = CliTester.Run("exec", Path.Combine(folder.Path, binary));

            Assert.That(run.Out, Is.EqualTo(File.ReadAllText(Path.Combine(guests, "interp.expected"))), binary + ": " + run.Error);
            Assert.That(run.ExitCode, Is.Zero, binary + ": " + run.Error);
        }
    }

    private static CliRun Exec(Action<Assembler> code, params string[] options)
    {
        var asm = new Assembler(64);
        code(asm);
        using var stream = new MemoryStream();
        asm.Assemble(new StreamCodeWriter(stream), LoadAddress);
        using var folder = new TempFolder();
        var image = Path.Combine(folder.Path, "guest.bin");
        File.WriteAllBytes(image, stream.ToArray());
        return CliTester.Run(["exec", image, .. options]);
    }
}
