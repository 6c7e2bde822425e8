using System.Numerics;
using Iced.Intel;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// Recomputes a slice of the stored vectors (two-register ALU forms at 32 and 64 bits) from
/// the SDM's definitions, so a wrong oracle or a misparsed file cannot pass unnoticed.
/// </summary>
public sealed class OracleVectorSanityTests
{
    private static readonly Mnemonic[] Covered = [Mnemonic.Add, Mnemonic.Adc, Mnemonic.Sub, Mnemonic.Sbb, Mnemonic.Cmp, Mnemonic.And, Mnemonic.Or, Mnemonic.Xor];

    [TestCase("x86_64")]
    [TestCase("i386")]
    public void Register_alu_vectors_match_the_architectural_definition(string folder)
    {
        var checkedCount = 0;
        foreach (var v in OracleVectorReader.LoadMode(OracleVectorReader.DefaultRoot, folder).SelectMany(f => f.Vectors))
        {
            Decoder.Create(v.Mode, v.Bytes).Decode(out var ins);
            if (!Covered.Contains(ins.Mnemonic) || ins.OpCount != 2 || ins.Op0Kind != OpKind.Register || ins.Op1Kind != OpKind.Register)
            {
                continue;
            }

            var width = ins.Op0Register.GetSize() * 8;
            if (width < 32)
            {
                continue;
            }

            var dst = ins.Op0Register.GetFullRegister() - Register.RAX;
            var src = ins.Op1Register.GetFullRegister() - Register.RAX;
            var mask = width == 64 ? ulong.MaxValue : 0xFFFF_FFFFul;
            var a = v.InitialRegisters[dst] & mask;
            var b = v.InitialRegisters[src] & mask;
            var (result, flags) = Compute(ins.Mnemonic, a, b, v.InitialFlags & 1, width);
            var expectedRegister = ins.Mnemonic == Mnemonic.Cmp ? v.InitialRegisters[dst] : result;
            var defined = UndefinedFlags.AllStatus & ~v.UndefinedFlagsMask;
            Assert.That(v.FinalRegisters[dst], Is.EqualTo(expectedRegister), v.Source);
            Assert.That(v.FinalFlags & defined, Is.EqualTo(flags & defined), v.Source);
            checkedCount++;
        }

        Assert.That(checkedCount, Is.GreaterThan(folder == "x86_64" ? 200 : 50));
    }

    private static (ulong Result, uint Flags) Compute(Mnemonic mnemonic, ulong a, ulong b, ulong carryIn, int width)
    {
        var mask = width == 64 ? ulong.MaxValue : (1ul << width) - 1;
        var top = width - 1;
        ulong r;
        uint cf = 0, of = 0, af = 0;
        switch (mnemonic)
        {
            case Mnemonic.Add or Mnemonic.Adc:
            {
                var cin = mnemonic == Mnemonic.Adc ? carryIn : 0;
                var wide = (UInt128)a + b + cin;
                r = (ulong)wide & mask;
                cf = wide > mask ? 1u : 0u;
                of = (uint)((((a ^ r) & (b ^ r)) >> top) & 1);
                af = (uint)(((a ^ b ^ r) >> 4) & 1);
                break;
            }

            case Mnemonic.Sub or Mnemonic.Sbb or Mnemonic.Cmp:
            {
                var cin = mnemonic == Mnemonic.Sbb ? carryIn : 0;
                r = (a - b - cin) & mask;
                cf = (UInt128)a < (UInt128)b + cin ? 1u : 0u;
                of = (uint)((((a ^ b) & (a ^ r)) >> top) & 1);
                af = (uint)(((a ^ b ^ r) >> 4) & 1);
                break;
            }

            case Mnemonic.And:
                r = a & b;
                break;
            case Mnemonic.Or:
                r = a | b;
                break;
            default:
                r = a ^ b;
                break;
        }

        var pf = BitOperations.PopCount(r & 0xFF) % 2 == 0 ? 1u : 0u;
        var zf = r == 0 ? 1u : 0u;
        var sf = (uint)((r >> top) & 1);
        var flags = cf | (pf << 2) | (af << 4) | (zf << 6) | (sf << 7) | (of << 11);
        return (r, flags);
    }
}
