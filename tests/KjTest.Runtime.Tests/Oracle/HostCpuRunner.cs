using System.Runtime.InteropServices;
using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// Runs one register-only x86-64 instruction on the host CPU: a generated trampoline loads
/// every general register except RSP and RFLAGS from a state block, executes the
/// instruction, and stores them back. Only for instructions that touch neither memory nor
/// the stack nor RIP, and cannot fault.
/// </summary>
internal sealed unsafe partial class HostCpuRunner : IDisposable
{
    private const int PageSize = 4096;
    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int ProtExec = 4;
    private const int MapPrivateAnonymous = 0x22;
    private const int MapFixedNoReplace = 0x100000;
    private const int FlagsSlot = 16;

    private readonly nint _page;
    private readonly List<(nint Address, int Size)> _data = [];

    public HostCpuRunner()
    {
        _page = Mmap(0, PageSize, ProtRead | ProtWrite, MapPrivateAnonymous, -1, 0);
        if (_page == -1)
        {
            throw new InvalidOperationException("mmap of the trampoline page failed");
        }
    }

    /// <summary>
    /// Maps <paramref name="size"/> bytes of read/write memory at exactly <paramref name="address"/>
    /// so instructions with memory operands can run; false when the range is already taken.
    /// </summary>
    public bool TryMapData(ulong address, int size)
    {
        var p = Mmap((nint)address, (nuint)size, ProtRead | ProtWrite, MapPrivateAnonymous | MapFixedNoReplace, -1, 0);
        if (p == -1)
        {
            return false;
        }

        if ((ulong)p != address)
        {
            // Kernels before 4.17 treat the address as a hint only.
            _ = Munmap(p, (nuint)size);
            return false;
        }

        _data.Add((p, size));
        return true;
    }

    /// <summary>The bytes of a range mapped by <see cref="TryMapData"/>.</summary>
    public Span<byte> Data(ulong address, int length)
    {
        foreach (var (start, size) in _data)
        {
            if (address >= (ulong)start && address + (ulong)length <= (ulong)start + (ulong)size)
            {
                return new Span<byte>((void*)(nint)address, length);
            }
        }

        throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:x}+{length} is not mapped");
    }

    /// <summary>True on an x86-64 Linux host, where the trampoline can run.</summary>
    public static bool IsSupported => RuntimeInformation.ProcessArchitecture == Architecture.X64 && OperatingSystem.IsLinux();

    /// <summary>
    /// Executes <paramref name="instruction"/> with <paramref name="registers"/> (16 GPRs, RSP
    /// ignored) and <paramref name="flags"/>; returns the registers and RFLAGS after it.
    /// </summary>
    public (ulong[] Registers, ulong Flags) Run(ReadOnlySpan<byte> instruction, ReadOnlySpan<ulong> registers, ulong flags)
    {
        var code = Assemble(instruction.ToArray(), (ulong)_page);
        if (Mprotect(_page, PageSize, ProtRead | ProtWrite) != 0)
        {
            throw new InvalidOperationException("mprotect RW failed");
        }

        code.CopyTo(new Span<byte>((void*)_page, PageSize));
        if (Mprotect(_page, PageSize, ProtRead | ProtExec) != 0)
        {
            throw new InvalidOperationException("mprotect RX failed");
        }

        var state = stackalloc ulong[FlagsSlot + 1];
        for (var i = 0; i < 16; i++)
        {
            state[i] = registers[i];
        }

        state[FlagsSlot] = flags;
        ((delegate* unmanaged<ulong*, void>)_page)(state);
        var after = new ulong[16];
        for (var i = 0; i < 16; i++)
        {
            after[i] = i == 4 ? registers[4] : state[i];
        }

        return (after, state[FlagsSlot]);
    }

    public void Dispose()
    {
        _ = Munmap(_page, PageSize);
        foreach (var (address, size) in _data)
        {
            _ = Munmap(address, (nuint)size);
        }

        _data.Clear();
    }

    private static byte[] Assemble(byte[] instruction, ulong address)
    {
        AssemblerRegister64[] gprs = [rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15];
        var c = new Assembler(64);
        foreach (var saved in new[] { rbx, rbp, r12, r13, r14, r15, rdi })
        {
            c.push(saved);
        }

        c.mov(rax, __[rdi + (FlagsSlot * 8)]);
        c.push(rax);
        c.popfq();
        for (var i = 0; i < 16; i++)
        {
            if (i is not 4 and not 7)
            {
                c.mov(gprs[i], __[rdi + (i * 8)]);
            }
        }

        c.mov(rdi, __[rdi + (7 * 8)]);
        c.db(instruction);

        // Only flag-neutral instructions between the guest instruction and PUSHFQ.
        c.push(rdi);
        c.mov(rdi, __[rsp + 8]);
        for (var i = 0; i < 16; i++)
        {
            if (i is not 4 and not 7)
            {
                c.mov(__[rdi + (i * 8)], gprs[i]);
            }
        }

        c.pushfq();
        c.pop(rax);
        c.mov(__[rdi + (FlagsSlot * 8)], rax);
        c.pop(rax);
        c.mov(__[rdi + (7 * 8)], rax);
        c.cld();
        foreach (var saved in new[] { rdi, r15, r14, r13, r12, rbp, rbx })
        {
            c.pop(saved);
        }

        c.ret();
        using var stream = new MemoryStream();
        c.Assemble(new StreamCodeWriter(stream), address);
        return stream.ToArray();
    }

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial nint Mmap(nint address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "mprotect")]
    private static partial int Mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int Munmap(nint address, nuint length);
}
