using System.Runtime.Intrinsics.X86;
using Iced.Intel;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// Replays the 64-bit vectors that touch neither the stack nor RIP on the host CPU: the
/// Unicorn oracle and silicon must agree on every register, every defined flag and every
/// byte written.
/// </summary>
public sealed class HostCrossCheckTests
{
    private const ulong DataBase = 0x20_0000;
    private const int DataSize = 0x2000;
    private const uint ComparedFlags = UndefinedFlags.AllStatus | 0x400;

    [Test]
    public void Host_cpu_agrees_with_the_64_bit_vectors_it_can_run()
    {
        if (!HostCpuRunner.IsSupported)
        {
            Assert.Ignore("the host cross-check needs an x86-64 Linux host");
        }

        using var host = new HostCpuRunner();
        try
        {
            host.Run([0x90], new ulong[16], 0x2);
        }
        catch (InvalidOperationException e)
        {
            Assert.Ignore($"this host does not allow executing generated code ({e.Message})");
        }

        var withMemory = host.TryMapData(DataBase, DataSize);
        var compared = 0;
        var comparedWithMemory = 0;
        var mismatches = new List<string>();
        foreach (var v in OracleVectorReader.LoadMode(OracleVectorReader.DefaultRoot, "x86_64").SelectMany(f => f.Vectors))
        {
            if (!Runnable(v, withMemory))
            {
                continue;
            }

            foreach (var run in v.InitialMemory)
            {
                run.Bytes.CopyTo(host.Data(run.Address, run.Bytes.Length));
            }

            var (registers, flags) = host.Run(v.Bytes, v.InitialRegisters, v.InitialFlags);
            var mask = ComparedFlags & ~v.UndefinedFlagsMask;
            var memoryAgrees = v.FinalMemory.All(run => host.Data(run.Address, run.Bytes.Length).SequenceEqual(run.Bytes));
            if (!registers.AsSpan().SequenceEqual(v.FinalRegisters) || ((uint)flags & mask) != (v.FinalFlags & mask) || !memoryAgrees)
            {
                mismatches.Add($"{v.Source} {v.Form}: host flags {flags:x} vs {v.FinalFlags:x}, memory {(memoryAgrees ? "same" : "differs")}, registers {string.Join(',', registers.Select(r => r.ToString("x")))}");
            }

            compared++;
            comparedWithMemory += v.InitialMemory.Count > 0 ? 1 : 0;
        }

        TestContext.Out.WriteLine($"compared {compared} vectors with the host CPU ({comparedWithMemory} with memory operands)");
        Assert.That(mismatches, Is.Empty, string.Join("\n", mismatches.Take(20)) + "\nby form: " + string.Join(", ", mismatches.GroupBy(m => m.Split(" ")[1]).Select(g => $"{g.Key} {g.Count()}")));
        Assert.That(compared, Is.GreaterThan(5000));
    }

    private static bool Runnable(OracleVector v, bool withMemory)
    {
        if (v.Family is "branch" or "stack")
        {
            return false;
        }

        if (v.InitialMemory.Count > 0 && (!withMemory || !v.InitialMemory.All(r => r.Address >= DataBase && r.Address + (ulong)r.Bytes.Length <= DataBase + DataSize)))
        {
            return false;
        }

        Decoder.Create(64, v.Bytes).Decode(out var ins);
        var info = new InstructionInfoFactory().GetInfo(ins);
        if (info.GetUsedRegisters().Any(r => r.Register.GetFullRegister() == Register.RSP) || ins.FlowControl != FlowControl.Next)
        {
            return false;
        }

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
