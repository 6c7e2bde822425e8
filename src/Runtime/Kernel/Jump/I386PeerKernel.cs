using KjTest.Abi;
using KjTest.Runtime.Kernel.Guest;
using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Kernel.Relocate;
using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>
/// Kernel B on i386 (K27), the kernel an image becomes once it makes system calls: its own <see cref="KernelModel"/>
/// over the destination window of A's image, serving <c>int $0x80</c> 283 kexec_load, 88 reboot, 4 write and
/// 252 exit_group with arguments in EBX, ECX, EDX, ESI and the result in EAX; every other number returns -ENOSYS
/// (as Linux answers unimplemented slots and numbers past its table; B models no other call). File descriptors 1
/// and 2 are the console, written in do_tty_write's 2048-byte chunks. B's user space is the image running with
/// paging off, so a user address is physical: readable when it lies in RAM below TASK_SIZE, otherwise the call fails
/// with -EFAULT as access_ok and copy_from_user make it. Reboot commands other than KEXEC and the Ctrl-Alt-Del
/// switches end the machine. B's reboot runs B's own
/// K27 relocate_kernel on B's kernel stack, with B's page directory (an identity map of its window, kernel addresses
/// being physical ones) in CR3 as the return path needs; when A re-enters B, B's routine returns to a sentinel where
/// the reboot call completes with 0, image->start updated and every register but EAX as the image left it.
/// </summary>
public sealed class I386PeerKernel
{
    /// <summary>i386 __NR_write.</summary>
    public const int SysWrite = 4;

    /// <summary>i386 __NR_reboot.</summary>
    public const int SysReboot = 88;

    /// <summary>i386 __NR_exit_group.</summary>
    public const int SysExitGroup = 252;

    /// <summary>i386 __NR_kexec_load.</summary>
    public const int SysKexecLoad = 283;

    /// <summary>TASK_SIZE with the 3G/1G split: access_ok refuses user ranges reaching above it.</summary>
    public const ulong TaskSize = 0xC000_0000;

    private const long Enosys = -38;
    private const long Efault = -Errno.EFAULT;
    private const long Ebadf = -9;
    private const uint CmdCadOn = 0x89AB_CDEF;
    private const uint CmdCadOff = 0;

    // do_tty_write copies and writes at most this much at a time; a chunk that cannot be copied ends the write.
    private const uint TtyChunk = 2048;

    private const ulong PageListOffset = 0x100;
    private const ulong SentinelOffset = 0x800;
    private const ulong KernelStackTop = 0x1000;
    private const uint PageEntryFlags = 0x63;
    private static readonly int[] RestoredRegisters = [1, 2, 3, 4, 5, 6, 7];

    private readonly X86Cpu _cpu;
    private readonly Action<byte[]> _console;
    private readonly IReadOnlyList<PhysicalRange> _ram;
    private readonly ulong _dataPage;
    private readonly ulong[] _gprs = new ulong[8];
    private ulong _rflags;
    private ulong _cr3;
    private ulong _returnEip;
    private int _round;
    private bool _pending;

    /// <summary>Creates B over <paramref name="window"/>, the destination ranges of A's image.</summary>
    public I386PeerKernel(X86Cpu cpu, KernelConfig aConfig, IReadOnlyList<PhysicalRange> window, Action<byte[]> console)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(aConfig);
        ArgumentNullException.ThrowIfNull(window);
        _cpu = cpu;
        _console = console;
        _ram = aConfig.Ram;
        var config = new KernelConfig { Era = aConfig.Era, Arch = KernelArch.I386, Ram = aConfig.Ram, Reserved = PeerRam.Outside(aConfig.Ram, window) };
        Model = KernelModel.Create(config, cpu.Memory, []);
        _dataPage = Allocate();
        PageDirectory = BuildPageDirectory(window);
        Sentinels = [_dataPage + SentinelOffset, _dataPage + SentinelOffset + 8];
        foreach (var s in Sentinels)
        {
            cpu.AddSentinel(s);
        }
    }

    /// <summary>B's kexec state.</summary>
    public KernelModel Model { get; }

    /// <summary>B's page directory: its window mapped at its physical address with 4 KiB pages (CR4.PSE is clear then).</summary>
    public ulong PageDirectory { get; }

    /// <summary>The addresses where B's relocate_kernel returns into B's machine_kexec.</summary>
    public IReadOnlyList<ulong> Sentinels { get; }

    /// <summary>The interrupt hook: serves <c>int $0x80</c>; false for other vectors, which the CPU delivers through the IDT.</summary>
    public bool OnInterrupt(X86Cpu cpu, byte vector)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        if (vector != 0x80)
        {
            return false;
        }

        var nr = (uint)cpu.GetGpr(0);
        var ebx = (uint)cpu.GetGpr(3);
        var ecx = (uint)cpu.GetGpr(1);
        var edx = (uint)cpu.GetGpr(2);
        var esi = (uint)cpu.GetGpr(6);
        switch (nr)
        {
            case SysWrite:
                SetResult(cpu, Write(cpu, ebx, ecx, edx));
                return true;
            case SysExitGroup:
                cpu.RequestStop((int)(ebx & 0xFF));
                return true;
            case SysKexecLoad:
                var source = new GuestKexecSegmentSource(cpu.Memory, edx, KexecSegmentAbi.Native32, UserReadable);
                SetResult(cpu, Model.KexecLoad(ebx, ecx, source, esi).ReturnValue);
                return true;
            case SysReboot:
                Reboot(cpu, ebx, ecx, edx);
                return true;
            default:
                SetResult(cpu, Enosys);
                return true;
        }
    }

    /// <summary>B's relocate_kernel returned to <paramref name="eip"/>: B's reboot returns 0 with image->start updated.</summary>
    public bool OnSentinel(ulong eip)
    {
        if (!_pending || !Sentinels.Contains(eip))
        {
            return false;
        }

        Model.SetNormalImageStart(_cpu.GetGpr(0));
        Model.ReleaseKexecLock();
        foreach (var i in RestoredRegisters)
        {
            _cpu.SetGpr(i, _gprs[i]);
        }

        _cpu.Cr3 = _cr3;
        _cpu.Rflags = _rflags;
        _cpu.SetGpr(0, 0);
        _cpu.Rip = _returnEip;
        _pending = false;
        return true;
    }

    private static void SetResult(X86Cpu cpu, long value) => cpu.SetGpr(0, (uint)value);

    private ulong Allocate() => Model.Allocator.Allocate(0) ?? throw new InvalidOperationException("The destination window of A's image has too few free pages for kernel B's data page, page directory and page tables.");

    private ulong BuildPageDirectory(IReadOnlyList<PhysicalRange> window)
    {
        var memory = _cpu.Memory;
        var directory = Allocate();
        memory.Write(directory, new byte[KernelConstants.PageSize]);
        var tables = new Dictionary<ulong, ulong>();
        foreach (var range in window.Where(r => r.Length != 0 && r.Start < TaskSize))
        {
            for (var page = range.Start & ~KernelConstants.PageOffsetMask; page < Math.Min(range.End, TaskSize); page += KernelConstants.PageSize)
            {
                var index = page >> 22;
                if (!tables.TryGetValue(index, out var table))
                {
                    table = Allocate();
                    memory.Write(table, new byte[KernelConstants.PageSize]);
                    memory.WriteUInt32(directory + (index * 4), (uint)table | PageEntryFlags);
                    tables[index] = table;
                }

                memory.WriteUInt32(table + (((page >> 12) & 0x3FF) * 4), (uint)page | PageEntryFlags);
            }
        }

        return directory;
    }

    private bool UserReadable(ulong start, ulong length)
    {
        if (start > TaskSize || length > TaskSize - start)
        {
            return false;
        }

        return length == 0 || _ram.Any(r => r.Contains(start) && length <= r.End - start);
    }

    private long Write(X86Cpu cpu, uint fd, uint buffer, uint count)
    {
        if (fd is not (1 or 2))
        {
            return Ebadf;
        }

        // vfs_write's access_ok covers the whole range before any byte is copied.
        if (buffer + (ulong)count > TaskSize)
        {
            return Efault;
        }

        long written = 0;
        var chunk = new byte[Math.Min(count, TtyChunk)];
        while (written < count)
        {
            var size = (uint)Math.Min(count - written, TtyChunk);
            var at = buffer + (ulong)written;
            if (!UserReadable(at, size))
            {
                break;
            }

            var bytes = chunk.AsSpan(0, (int)size);
            cpu.Memory.Read(at, bytes);
            _console(bytes.ToArray());
            written += size;
        }

        return written > 0 || count == 0 ? written : Efault;
    }

    private void Reboot(X86Cpu cpu, uint magic1, uint magic2, uint cmd)
    {
        var returnEip = cpu.NextRip;
        var result = Model.Reboot(magic1, magic2, cmd, NoDevices.Instance, NoDevices.Instance, layout => MachineKexec(cpu, layout, returnEip));
        switch (result.Outcome)
        {
            case KernelKexecOutcome.Returned:
                SetResult(cpu, result.ReturnValue);
                break;
            case KernelKexecOutcome.NotModelled when cmd is CmdCadOn or CmdCadOff:
                SetResult(cpu, 0);
                break;
            case KernelKexecOutcome.NotModelled:
                // Restart, halt, power off and the rest end the machine for the image.
                cpu.RequestStop(0);
                break;
        }
    }

    private MachineKexecResult MachineKexec(X86Cpu cpu, KimageLayout layout, ulong returnEip)
    {
        var memory = cpu.Memory;
        for (var i = 0; i < 8; i++)
        {
            _gprs[i] = cpu.GetGpr(i);
        }

        _rflags = cpu.Rflags;
        _cr3 = cpu.Cr3;
        _returnEip = returnEip;
        var controlPage = layout.ControlPages[0];
        memory.Write(controlPage, I386Relocate.Build(RelocateBug.None).Code);
        var pageList = _dataPage + PageListOffset;
        memory.WriteUInt32(pageList, (uint)controlPage);
        memory.WriteUInt32(pageList + 4, (uint)controlPage);
        memory.WriteUInt32(pageList + 8, (uint)PageDirectory);
        memory.WriteUInt32(pageList + 12, (uint)(layout.SwapPage ?? 0));

        // relocate_kernel(indirection_page, page_list, start_address, has_pae, preserve_context), called from B's kernel stack.
        var esp = _dataPage + KernelStackTop - 24;
        memory.WriteUInt32(esp, (uint)Sentinels[_round++ % 2]);
        memory.WriteUInt32(esp + 4, (uint)layout.Head);
        memory.WriteUInt32(esp + 8, (uint)pageList);
        memory.WriteUInt32(esp + 12, (uint)layout.Start);
        memory.WriteUInt32(esp + 16, 0);
        memory.WriteUInt32(esp + 20, layout.PreserveContext ? 1u : 0u);
        cpu.SetGpr(4, esp);
        cpu.Cr3 = PageDirectory;
        cpu.Rflags &= ~Cr.FlagIf;
        cpu.NextRip = controlPage;
        _pending = true;
        return MachineKexecResult.Gone;
    }
}
