using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;
using KjTest.Runtime.Tests.Machine.Cpu;

namespace KjTest.Runtime.Tests.Oracle.Sse;

/// <summary>Runs oracle cases on KjTest's CPU in long mode: each form at its own address, #XM and #UD to halting handlers.</summary>
internal sealed class SseEmulatedRunner
{
    private const ulong XmHandler = 0x20_0000;
    private const ulong UdHandler = 0x20_0010;
    private const ulong Stack = 0x30_0000;
    private readonly X86Machine _machine;
    private readonly Dictionary<SseOracleOp, ulong> _addresses = [];

    public SseEmulatedRunner()
    {
        _machine = GuestHarness.LongMode(_ => { });
        _machine.Load(XmHandler, [0xF4]);
        _machine.Load(UdHandler, [0xF4]);
        GuestHarness.SetGate64(_machine, CpuFault.XM, XmHandler);
        GuestHarness.SetGate64(_machine, CpuFault.UD, UdHandler);
    }

    public SseOracleOutcome Run(SseOracleCase c)
    {
        if (!_addresses.TryGetValue(c.Op, out var address))
        {
            address = GuestHarness.CodeAddress + ((ulong)_addresses.Count * 32);
            _machine.Load(address, [.. c.Op.Bytes, 0xF4]);
            _addresses[c.Op] = address;
        }

        var cpu = _machine.Cpu;
        cpu.SetXmm(0, c.Xmm0);
        cpu.SetXmm(1, c.Xmm1);
        cpu.SetGpr(0, c.Rax);
        cpu.SetGpr(4, Stack);
        cpu.Mxcsr = c.Mxcsr;
        cpu.Rflags = 2;
        cpu.Rip = address;
        cpu.Halted = false;
        var outcome = _machine.Run(new ExecutionLimits(10));
        if (outcome.Reason != StopReason.Halted)
        {
            throw new InvalidOperationException($"{c.Op.Name} ended in {outcome}");
        }

        var faulted = cpu.Rip == XmHandler + 1;
        if (cpu.Rip == UdHandler + 1)
        {
            throw new InvalidOperationException($"{c.Op.Name} raised #UD on KjTest's CPU");
        }

        // At the fault the flags are those before the instruction, as the host's signal frame shows them.
        var flags = faulted ? _machine.Memory.ReadUInt64(Stack - 24) : cpu.Rflags;
        return new SseOracleOutcome(cpu.GetXmm(0), cpu.Mxcsr, flags & 0x8D5, cpu.GetGpr(0), faulted);
    }
}
