using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Machine.Loading;

/// <summary>
/// The few Linux system calls a test program needs, served by CPU hooks instead of a kernel:
/// x86-64 SYSCALL 1 write, 60 exit, 231 exit_group; i386 INT 0x80 4 write, 1 exit, 252 exit_group.
/// Every other call returns -ENOSYS.
/// </summary>
public sealed class LinuxSyscalls
{
    private const long Enosys = -38;
    private const long Efault = -14;
    private const long Ebadf = -9;
    private const int WriteChunk = 64 << 10;
    private const ulong PageSize = 4096;
    private readonly Stream _stdout;
    private readonly Stream _stderr;
    private readonly byte[] _chunk = new byte[WriteChunk];

    /// <summary>Creates the emulation writing file descriptors 1 and 2 to the given streams.</summary>
    public LinuxSyscalls(Stream stdout, Stream stderr)
    {
        _stdout = stdout;
        _stderr = stderr;
    }

    /// <summary>Installs the SYSCALL and INT 0x80 hooks on <paramref name="cpu"/>.</summary>
    public void Attach(X86Cpu cpu)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        cpu.SyscallHook = Syscall64;
        cpu.InterruptHook = (c, vector) => vector == 0x80 && Syscall32(c);
    }

    private bool Syscall64(X86Cpu cpu)
    {
        var number = cpu.GetGpr(0);
        long result = number switch
        {
            1 => Write(cpu, cpu.GetGpr(7), cpu.GetGpr(6), cpu.GetGpr(2)),
            60 or 231 => Exit(cpu, cpu.GetGpr(7)),
            _ => Enosys,
        };
        cpu.SetGpr(0, (ulong)result);
        return true;
    }

    private bool Syscall32(X86Cpu cpu)
    {
        var number = (uint)cpu.GetGpr(0);
        long result = number switch
        {
            4 => Write(cpu, (uint)cpu.GetGpr(3), (uint)cpu.GetGpr(1), (uint)cpu.GetGpr(2)),
            1 or 252 => Exit(cpu, (uint)cpu.GetGpr(3)),
            _ => Enosys,
        };
        cpu.SetGpr(0, (uint)result);
        return true;
    }

    private static long Exit(X86Cpu cpu, ulong status)
    {
        cpu.RequestStop((int)(status & 0xFF));
        return 0;
    }

    private long Write(X86Cpu cpu, ulong fd, ulong buffer, ulong count)
    {
        var writer = fd switch { 1 => _stdout, 2 => _stderr, _ => null };
        if (writer is null)
        {
            return Ebadf;
        }

        // A short write, as a pipe gives: one call moves at most WriteChunk bytes, so a run's output is bounded by its
        // instruction budget (a guest that loops on the count still writes everything).
        var wanted = (int)Math.Min(count, WriteChunk);
        var done = 0;
        while (done < wanted)
        {
            // Page by page: the bytes before a fault are written and counted, as Linux's copy_from_user leaves them.
            var step = (int)Math.Min((ulong)(wanted - done), PageSize - ((buffer + (ulong)done) & (PageSize - 1)));
            if (!cpu.TryReadLinear(buffer + (ulong)done, _chunk.AsSpan(done, step)))
            {
                break;
            }

            done += step;
        }

        if (done == 0 && wanted > 0)
        {
            return Efault;
        }

        var bytes = _chunk.AsSpan(0, done);
        writer.Write(bytes);
        writer.Flush();
        return bytes.Length;
    }
}
