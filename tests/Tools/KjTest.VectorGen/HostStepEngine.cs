using Iced.Intel;
using KjTest.Runtime.Tests.Oracle;

namespace KjTest.VectorGen;

/// <summary>
/// The host CPU as an <see cref="IStepEngine"/>, for the 64-bit instructions Unicorn cannot
/// run (MOVBE, POPCNT). Memory operands must fall in the data page, which is mapped at its
/// layout address in this process; the stack and RIP are not available to the instruction.
/// </summary>
internal sealed class HostStepEngine(HostCpuRunner host) : IStepEngine
{
    private static readonly UnicornRegister[] Order =
    [
        UnicornRegister.Rax, UnicornRegister.Rcx, UnicornRegister.Rdx, UnicornRegister.Rbx, UnicornRegister.Rsp, UnicornRegister.Rbp, UnicornRegister.Rsi, UnicornRegister.Rdi,
        UnicornRegister.R8, UnicornRegister.R9, UnicornRegister.R10, UnicornRegister.R11, UnicornRegister.R12, UnicornRegister.R13, UnicornRegister.R14, UnicornRegister.R15,
    ];

    private readonly ulong[] _registers = new ulong[16];
    private byte[] _code = [];
    private ulong _rip;
    private ulong _flags;

    public List<(ulong Address, int Size, bool IsWrite)> Accesses { get; } = [];

    public uint? Interrupt => null;

    public void Write(ulong address, ReadOnlySpan<byte> bytes)
    {
        if (address == Layout.InstructionAddress)
        {
            _code = bytes.ToArray();
        }
        else if (address >= Layout.DataBase && address < Layout.DataBase + Layout.DataSize)
        {
            bytes.CopyTo(host.Data(address, bytes.Length));
        }
    }

    public void Read(ulong address, Span<byte> bytes) => host.Data(address, bytes.Length).CopyTo(bytes);

    public void FlushCode(ulong begin, ulong end)
    {
    }

    public void Set(UnicornRegister register, ulong value)
    {
        switch (register)
        {
            case UnicornRegister.Rip:
                _rip = value;
                break;
            case UnicornRegister.Eflags:
                _flags = value;
                break;
            default:
                _registers[Array.IndexOf(Order, register)] = value;
                break;
        }
    }

    public ulong Get(UnicornRegister register) => register switch
    {
        UnicornRegister.Rip => _rip,
        UnicornRegister.Eflags => _flags,
        _ => _registers[Array.IndexOf(Order, register)],
    };

    public int Step(ulong address)
    {
        Accesses.Clear();
        Decoder.Create(64, _code, address).Decode(out var instruction);
        var info = new InstructionInfoFactory().GetInfo(instruction);
        foreach (var used in info.GetUsedMemory())
        {
            var at = used.GetVirtualAddress(0, (register, _, _) => register.IsGPR() ? _registers[register.GetFullRegister() - Register.RAX] : 0);
            var size = used.MemorySize.GetSize();
            if (at < Layout.DataBase || at + (ulong)size > Layout.DataBase + Layout.DataSize)
            {
                // UC_ERR_READ_UNMAPPED: never let the host touch memory outside the data page.
                return 6;
            }

            var writes = used.Access is OpAccess.Write or OpAccess.ReadWrite or OpAccess.CondWrite or OpAccess.ReadCondWrite;
            Accesses.Add((at, size, writes));
        }

        if (info.GetUsedRegisters().Any(r => r.Register.GetFullRegister() == Register.RSP) || instruction.FlowControl != FlowControl.Next)
        {
            return 10;
        }

        var rsp = _registers[4];
        var (after, flags) = host.Run(_code.AsSpan(0, instruction.Length), _registers, _flags);
        after.CopyTo(_registers, 0);
        _registers[4] = rsp;
        // Only the status flags and DF belong to the instruction; IF and the rest are the host's.
        _flags = (_flags & ~0xCD5ul) | (flags & 0xCD5ul);
        _rip = address + (ulong)instruction.Length;
        return 0;
    }
}
