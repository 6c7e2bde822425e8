using System.Runtime.Intrinsics.X86;
using Iced.Intel;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>Which vectors the host CPU cross-checks may replay.</summary>
internal static class HostRunnability
{
    public const ulong DataBase = 0x20_0000;
    public const int DataSize = 0x2000;

    /// <summary>True when <paramref name="v"/> can run in a host trampoline: no stack, no branch, memory only in the data page, no fault, and an instruction this CPU has.</summary>
    public static bool CanRun(OracleVector v, bool withMemory)
    {
        if (v.Family is "branch" or "stack")
        {
            return false;
        }

        if (v.InitialMemory.Count > 0 && (!withMemory || !v.InitialMemory.All(r => r.Address >= DataBase && r.Address + (ulong)r.Bytes.Length <= DataBase + DataSize)))
        {
            return false;
        }

        Decoder.Create(v.Mode, v.Bytes).Decode(out var ins);
        var info = new InstructionInfoFactory().GetInfo(ins);
        if (info.GetUsedRegisters().Any(r => r.Register.GetFullRegister() == Register.RSP) || ins.FlowControl != FlowControl.Next)
        {
            return false;
        }

        // An instruction the host lacks would raise SIGILL in the test host, so each optional one is guarded by CPUID.
        switch (ins.Mnemonic)
        {
            // A division that faults would kill the test host; the oracle's are all fault-free but this stays defensive.
            case Mnemonic.Div or Mnemonic.Idiv:
                return false;
            case Mnemonic.Tzcnt:
                return Bmi1.IsSupported;
            case Mnemonic.Lzcnt:
                return Lzcnt.IsSupported;
            case Mnemonic.Popcnt:
                return Popcnt.IsSupported;
            case Mnemonic.Movbe:
                return (X86Base.CpuId(1, 0).Ecx & (1 << 22)) != 0;
            case Mnemonic.Cmpxchg16b:
                return (X86Base.CpuId(1, 0).Ecx & (1 << 13)) != 0;
            case Mnemonic.Lahf or Mnemonic.Sahf:
                return (X86Base.CpuId(unchecked((int)0x8000_0001), 0).Ecx & 1) != 0;

            // Intel and AMD differ on the destination of a zero-source bit scan.
            case Mnemonic.Bsf or Mnemonic.Bsr:
                return !SourceIsZero(v, ins);
            default:
                return true;
        }
    }

    private static bool SourceIsZero(OracleVector v, in Instruction ins)
    {
        var size = ins.Op0Register.GetSize();
        var mask = size switch { 2 => 0xFFFFul, 4 => 0xFFFF_FFFFul, _ => ulong.MaxValue };
        if (ins.Op1Kind == OpKind.Register)
        {
            return (v.InitialRegisters[ins.Op1Register.GetFullRegister() - Register.RAX] & mask) == 0;
        }

        return v.InitialMemory.All(run => run.Bytes.All(b => b == 0));
    }
}
