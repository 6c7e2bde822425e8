using System.Runtime.Intrinsics.X86;
using Iced.Intel;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// Replays the register-only 64-bit vectors on the host CPU: the Unicorn oracle and silicon
/// must agree on every register and every defined flag.
/// </summary>
public sealed class HostCrossCheckTests
{
    private static readonly HashSet<string> RegisterOnlyFamilies = ["arith", "logic", "shift", "rotate", "shiftd", "bittest", "bitscan", "cmovcc", "setcc", "convert", "flags", "mov", "muldiv", "cmpxchg"];

    private const uint ComparedFlags = UndefinedFlags.AllStatus | 0x400;

    [Test]
    public void Host_cpu_agrees_with_the_register_only_64_bit_vectors()
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

        var compared = 0;
        var mismatches = new List<string>();
        foreach (var v in OracleVectorReader.LoadMode(OracleVectorReader.DefaultRoot, "x86_64").SelectMany(f => f.Vectors))
        {
            if (!Runnable(v))
            {
                continue;
            }

            var (registers, flags) = host.Run(v.Bytes, v.InitialRegisters, v.InitialFlags);
            var mask = ComparedFlags & ~v.UndefinedFlagsMask;
            if (!registers.AsSpan().SequenceEqual(v.FinalRegisters) || ((uint)flags & mask) != (v.FinalFlags & mask))
            {
                mismatches.Add($"{v.Source} {v.Form}: host flags {flags:x} vs {v.FinalFlags:x}, registers {string.Join(',', registers.Select(r => r.ToString("x")))}");
            }

            compared++;
        }

        TestContext.Out.WriteLine($"compared {compared} vectors with the host CPU");
        Assert.That(mismatches, Is.Empty, string.Join('\n', mismatches.Take(20)));
        Assert.That(compared, Is.GreaterThan(5000));
    }

    private static bool Runnable(OracleVector v)
    {
        if (!RegisterOnlyFamilies.Contains(v.Family) || v.InitialMemory.Count > 0)
        {
            return false;
        }

        Decoder.Create(64, v.Bytes).Decode(out var ins);
        var info = new InstructionInfoFactory().GetInfo(ins);
        if (info.GetUsedMemory().Any() || info.GetUsedRegisters().Any(r => r.Register.GetFullRegister() == Register.RSP))
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

            // Intel and AMD differ on the destination of a zero-source bit scan.
            case Mnemonic.Bsf or Mnemonic.Bsr:
                return (v.InitialRegisters[ins.Op1Register.GetFullRegister() - Register.RAX] & SourceMask(ins)) != 0;
            default:
                return true;
        }
    }

    private static ulong SourceMask(in Instruction ins) => ins.Op1Register.GetSize() switch
    {
        2 => 0xFFFF,
        4 => 0xFFFF_FFFF,
        _ => ulong.MaxValue,
    };
}
