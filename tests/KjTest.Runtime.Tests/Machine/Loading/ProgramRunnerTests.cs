using KjTest.Runtime.Machine.Cpu;
using KjTest.Runtime.Machine.Loading;
using KjTest.Runtime.Tests.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Loading;

public class ProgramRunnerTests
{
    private const ulong Load = 0x10_0000;

    private static ProgramRunResult Run(int bitness, Action<Iced.Intel.Assembler> code, out string stdout, ulong budget = 1_000_000)
    {
        var image = GuestImage.Flat(bitness, GuestHarness.Assemble(bitness, code, Load), Load, Load);
        using var output = new MemoryStream();
        using var errors = new MemoryStream();
        var result = ProgramRunner.Run(image, 256UL << 20, budget, output, errors);
        stdout = System.Text.Encoding.UTF8.GetString(output.ToArray());
        return result;
    }

    [Test]
    public void Write_and_exit_system_calls_produce_output_and_status()
    {
        var result = Run(64, a =>
        {
            var text = a.CreateLabel();
            a.mov(eax, 1);
            a.mov(edi, 1);
            a.lea(rsi, __[text]);
            a.mov(edx, 3);
            a.syscall();
            a.mov(r8, rax);
            a.mov(eax, 99);
            a.syscall();
            a.mov(rdi, rax);
            a.neg(rdi);
            a.mov(eax, 231);
            a.syscall();
            a.Label(ref text);
            a.db("ok\n"u8.ToArray());
        }, out var stdout);
        Assert.That(stdout, Is.EqualTo("ok\n"));
        Assert.That(result.ExitCode, Is.EqualTo(38), "-ENOSYS for an unknown call, negated into the exit status");
        Assert.That(result.Outcome.Reason, Is.EqualTo(StopReason.GuestExit));
    }

    [TestCase(1UL << 20, 0x10_0000UL, 65536L, TestName = "A_write_of_a_MiB_is_short_at_64_KiB_as_a_pipe_gives")]
    [TestCase(32UL, 0xFFFF_FFF0UL, 16L, TestName = "A_write_that_runs_into_an_unmapped_page_counts_the_bytes_before_it")]
    [TestCase(32UL, 0x1_0000_0000UL, -14L, TestName = "A_write_from_an_unmapped_page_is_efault")]
    public void Write_returns_what_linux_would(ulong count, ulong buffer, long expected)
    {
        // The first 4 GiB are identity-mapped, the next page is not (MachineSetup.LongMode). Exit 1 when RAX is expected.
        var image = GuestImage.Flat(64, GuestHarness.Assemble(64, a =>
        {
            a.mov(eax, 1);
            a.mov(edi, 1);
            a.mov(rsi, buffer);
            a.mov(rdx, count);
            a.syscall();
            a.xor(edi, edi);
            a.mov(rcx, expected);
            a.cmp(rax, rcx);
            a.sete(dil);
            a.mov(eax, 231);
            a.syscall();
        }, Load), Load, Load);
        using var output = new MemoryStream();
        var result = ProgramRunner.Run(image, 256UL << 20, 1000, output, Stream.Null);

        Assert.That(result.ExitCode, Is.EqualTo(1), "write returned the expected count");
        Assert.That(output.Length, Is.EqualTo(Math.Max(expected, 0)));
    }

    [Test]
    public void I386_int_0x80_write_and_exit()
    {
        var result = Run(32, a =>
        {
            var text = a.CreateLabel();
            a.mov(eax, 4);
            a.mov(ebx, 1);
            a.mov(ecx, (uint)(Load + 0x40));
            a.mov(edx, 2);
            a.@int(0x80);
            a.mov(eax, 1);
            a.mov(ebx, 5);
            a.@int(0x80);
            a.nop();
        }, out _);
        Assert.That(result.ExitCode, Is.EqualTo(5));
    }

    [Test]
    public void Exit_port_ends_the_run_with_the_qemu_encoding()
    {
        var result = Run(64, a =>
        {
            a.mov(al, 3);
            a.@out(0xF4, al);
            a.hlt();
        }, out _);
        Assert.That(result.ExitCode, Is.EqualTo(7));
    }

    [Test]
    public void Endless_loop_is_a_timeout_and_a_fault_is_a_crash()
    {
        var loop = Run(64, a =>
        {
            var top = a.CreateLabel();
            a.Label(ref top);
            a.jmp(top);
        }, out _, 1000);
        Assert.That(loop.ExitCode, Is.EqualTo(ProgramRunResult.TimeoutExitCode));
        var crash = Run(64, a => a.ud2(), out _);
        Assert.That(crash.ExitCode, Is.EqualTo(ProgramRunResult.CrashExitCode));
        Assert.That(crash.Outcome.Faults[0].Vector, Is.EqualTo(6));
    }

    [Test]
    public void Flat_images_that_are_not_elf_are_recognised()
    {
        Assert.That(ElfImageReader.IsElf([0x7F, (byte)'E', (byte)'L', (byte)'F']), Is.True);
        Assert.That(ElfImageReader.IsElf([0x90, 0x90]), Is.False);
        Assert.That(ElfImageReader.TryRead([0x7F, (byte)'E', (byte)'L', (byte)'F', 0], out var error), Is.Null);
        Assert.That(error, Is.Not.Null);
    }
}
