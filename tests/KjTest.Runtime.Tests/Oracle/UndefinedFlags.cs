using Iced.Intel;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// The RFLAGS bits the Intel SDM (Vol. 2, each instruction's "Flags Affected") calls
/// undefined after an instruction. Vector comparisons ignore these bits: Unicorn computes
/// them as QEMU does, real Intel and AMD parts differ from each other, and the KjTest CPU
/// is free to choose.
/// <list type="table">
/// <item><term>MUL, IMUL (all forms)</term><description>SF ZF AF PF</description></item>
/// <item><term>DIV, IDIV</term><description>CF OF SF ZF AF PF</description></item>
/// <item><term>AND, OR, XOR, TEST</term><description>AF</description></item>
/// <item><term>SHL/SAL, SHR, SAR</term><description>none when the masked count is 0; otherwise AF, plus OF when the count is not 1, plus CF for SHL/SHR when the count is at least the operand width</description></item>
/// <item><term>ROL, ROR, RCL, RCR</term><description>OF when the masked count is neither 0 nor 1</description></item>
/// <item><term>SHLD, SHRD</term><description>none when the masked count is 0; otherwise AF, plus OF when the count is not 1; all six when the count exceeds the operand width (the generator emits no such case)</description></item>
/// <item><term>BT, BTS, BTR, BTC</term><description>OF SF AF PF</description></item>
/// <item><term>BSF, BSR</term><description>CF OF SF AF PF (the destination for a zero source is also undefined on Intel; Unicorn, like AMD, leaves it unchanged, and the vectors record that)</description></item>
/// <item><term>TZCNT, LZCNT</term><description>OF SF AF PF</description></item>
/// <item><term>every other covered instruction</term><description>none</description></item>
/// </list>
/// </summary>
internal static class UndefinedFlags
{
    public const uint Cf = 0x001;
    public const uint Pf = 0x004;
    public const uint Af = 0x010;
    public const uint Zf = 0x040;
    public const uint Sf = 0x080;
    public const uint Of = 0x800;
    public const uint AllStatus = Cf | Pf | Af | Zf | Sf | Of;

    /// <summary>The undefined-flag mask of <paramref name="instruction"/> given the CL value it would see.</summary>
    public static uint For(in Instruction instruction, byte cl)
    {
        var width = OperandWidth(instruction);
        switch (instruction.Mnemonic)
        {
            case Mnemonic.Mul:
            case Mnemonic.Imul:
                return Sf | Zf | Af | Pf;
            case Mnemonic.Div:
            case Mnemonic.Idiv:
                return AllStatus;
            case Mnemonic.And:
            case Mnemonic.Or:
            case Mnemonic.Xor:
            case Mnemonic.Test:
                return Af;
            case Mnemonic.Shl:
            case Mnemonic.Sal:
            case Mnemonic.Shr:
            case Mnemonic.Sar:
            {
                var count = MaskedCount(instruction, cl, width);
                if (count == 0)
                {
                    return 0;
                }

                var mask = Af | (count != 1 ? Of : 0);
                if (instruction.Mnemonic != Mnemonic.Sar && count >= width)
                {
                    mask |= Cf;
                }

                return mask;
            }

            case Mnemonic.Rol:
            case Mnemonic.Ror:
            case Mnemonic.Rcl:
            case Mnemonic.Rcr:
                return MaskedCount(instruction, cl, width) is 0 or 1 ? 0 : Of;
            case Mnemonic.Shld:
            case Mnemonic.Shrd:
            {
                var count = MaskedCount(instruction, cl, width);
                if (count == 0)
                {
                    return 0;
                }

                return count > width ? AllStatus : Af | (count != 1 ? Of : 0);
            }

            case Mnemonic.Bt:
            case Mnemonic.Bts:
            case Mnemonic.Btr:
            case Mnemonic.Btc:
                return Of | Sf | Af | Pf;
            case Mnemonic.Bsf:
            case Mnemonic.Bsr:
                return Cf | Of | Sf | Af | Pf;
            case Mnemonic.Tzcnt:
            case Mnemonic.Lzcnt:
                return Of | Sf | Af | Pf;
            default:
                return 0;
        }
    }

    private static int OperandWidth(in Instruction instruction) => instruction.Op0Kind == OpKind.Register
        ? instruction.Op0Register.GetSize() * 8
        : instruction.MemorySize.GetSize() * 8;

    private static int MaskedCount(in Instruction instruction, byte cl, int width)
    {
        // The count is the last operand: CL, an immediate, or the implicit 1 of the D0/D1 forms.
        var last = instruction.OpCount - 1;
        int raw = instruction.GetOpKind(last) switch
        {
            OpKind.Register when instruction.GetOpRegister(last) == Register.CL => cl,
            OpKind.Immediate8 => instruction.Immediate8,
            _ => 1,
        };
        return raw & (width == 64 ? 0x3F : 0x1F);
    }
}
