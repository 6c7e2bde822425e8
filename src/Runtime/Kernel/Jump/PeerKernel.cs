using KjTest.Runtime.Kernel.Guest;
using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>
/// The kernel B that an image becomes once it makes system calls (DESIGN 4): its own <see cref="KernelModel"/> over
/// the destination window (its RAM for allocation; the rest of the machine is reserved to it), serving x86-64
/// <c>syscall</c> 246 kexec_load, 169 reboot, 1 write and 231 exit_group. B's reboot runs B's own relocate_kernel
/// (guest code in B's control page, kernel addresses equal to physical ones); when a later jump of A re-enters B, B's
/// routine returns to a sentinel where the reboot call completes with image->start updated.
/// </summary>
public sealed class PeerKernel
{
    private const int SysWrite = 1;
    private const int SysReboot = 169;
    private const int SysExitGroup = 231;
    private const int SysKexecLoad = 246;
    private readonly X86Cpu _cpu;
    private readonly X86_64KexecArch _arch;
    private readonly Action<byte[]> _console;
    private readonly ulong _dataPage;
    private readonly ulong[] _gprs = new ulong[16];
    private int _round;
    private ulong _returnRip;
    private bool _pending;

    /// <summary>Creates B over <paramref name="window"/>, the destination ranges of A's image.</summary>
    public PeerKernel(X86Cpu cpu, KernelConfig aConfig, IReadOnlyList<PhysicalRange> window, JumpSettings settings, Action<byte[]> console)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(aConfig);
        ArgumentNullException.ThrowIfNull(window);
        _cpu = cpu;
        _console = console;
        var outside = PeerRam.Outside(aConfig.Ram, window);
        var config = new KernelConfig { Era = aConfig.Era, Arch = aConfig.Arch, Ram = aConfig.Ram, Reserved = outside };
        Model = KernelModel.Create(config, cpu.Memory, []);
        _dataPage = Model.Allocator.Allocate(0) ?? throw new InvalidOperationException("The destination window has no page for kernel B.");
        _arch = new X86_64KexecArch(cpu.Memory, config, settings with { UserRelocate = null, Bug = Relocate.RelocateBug.None }, pa => pa, _dataPage);
        Model.MachineKexecPrepare = _arch.Prepare;
        Sentinels = [_dataPage + 0x800, _dataPage + 0x808];
        foreach (var s in Sentinels)
        {
            cpu.AddSentinel(s);
        }
    }

    /// <summary>B's kexec state.</summary>
    public KernelModel Model { get; }

    /// <summary>The addresses where B's relocate_kernel returns into B's machine_kexec.</summary>
    public IReadOnlyList<ulong> Sentinels { get; }

    /// <summary>The syscall hook: serves B's system calls; false for numbers it does not know (the CPU then executes SYSCALL).</summary>
    public bool OnSyscall(X86Cpu cpu)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        var nr = cpu.GetGpr(0);
        var a0 = cpu.GetGpr(7);
        var a1 = cpu.GetGpr(6);
        var a2 = cpu.GetGpr(2);
        var a3 = cpu.GetGpr(10);
        switch (nr)
        {
            case SysWrite:
                var count = (int)Math.Min(a2, 1 << 20);
                var bytes = new byte[count];
                cpu.Memory.Read(a1, bytes);
                _console(bytes);
                cpu.SetGpr(0, (ulong)count);
                return true;
            case SysExitGroup:
                cpu.RequestStop((int)a0);
                return true;
            case SysKexecLoad:
                var result = Model.KexecLoad(a0, a1, new GuestKexecSegmentSource(cpu.Memory, a2, KexecSegmentAbi.Native64), a3);
                cpu.SetGpr(0, (ulong)result.ReturnValue);
                return true;
            case SysReboot:
                return Reboot(cpu, (uint)a0, (uint)a1, (uint)a2);
            default:
                cpu.SetGpr(0, unchecked((ulong)-38L));
                return true;
        }
    }

    /// <summary>B's relocate_kernel returned to <paramref name="rip"/>: B's reboot returns 0 with image->start updated.</summary>
    public bool OnSentinel(ulong rip)
    {
        if (!_pending || !Sentinels.Contains(rip))
        {
            return false;
        }

        Model.SetNormalImageStart(_cpu.GetGpr(0));
        Model.ReleaseKexecLock();
        foreach (var i in new[] { 2, 6, 7, 8, 9, 10 })
        {
            _cpu.SetGpr(i, _gprs[i]);
        }

        _cpu.SetGpr(0, 0);
        _cpu.Rip = _returnRip;
        _pending = false;
        return true;
    }

    private bool Reboot(X86Cpu cpu, uint magic1, uint magic2, uint cmd)
    {
        var returnRip = cpu.NextRip;
        var result = Model.Reboot(magic1, magic2, cmd, NoDevices.Instance, NoDevices.Instance, layout =>
        {
            for (var i = 0; i < 16; i++)
            {
                _gprs[i] = cpu.GetGpr(i);
            }

            _returnRip = returnRip;
            cpu.Memory.WriteUInt16(_dataPage, cpu.Gdtr.Limit);
            cpu.Memory.WriteUInt64(_dataPage + 2, cpu.Gdtr.Base);
            var (rsi, rcx, relocate) = _arch.PrepareCall(layout, _dataPage + 0x100, _dataPage + 0x100);
            var rsp = cpu.GetGpr(4) - 8;
            cpu.Memory.WriteUInt64(rsp, Sentinels[_round++ % 2]);
            cpu.SetGpr(4, rsp);
            cpu.SetGpr(7, layout.Head);
            cpu.SetGpr(6, rsi);
            cpu.SetGpr(2, layout.Start);
            cpu.SetGpr(1, rcx);
            cpu.Rflags &= ~Cr.FlagIf;
            cpu.NextRip = relocate;
            _pending = true;
            return MachineKexecResult.Gone;
        });

        if (result.Outcome == KernelKexecOutcome.Returned)
        {
            cpu.SetGpr(0, (ulong)result.ReturnValue);
        }

        return true;
    }
}
