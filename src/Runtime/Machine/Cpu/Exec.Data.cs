using System.Buffers.Binary;
using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

internal static partial class Exec
{
    private static bool IsSegment(Register r) => r is >= Register.ES and <= Register.GS;

    private static void Mov(X86Cpu c, in Instruction i)
    {
        if (i.Op0Kind == OpKind.Register)
        {
            var dest = i.Op0Register;
            if (IsSegment(dest))
            {
                if (dest == Register.CS)
                {
                    throw CpuFault.Ud();
                }

                c.LoadSegment(X86Cpu.ToSegment(dest), (ushort)c.ReadOp(i, 1, 2));
                if (dest == Register.SS)
                {
                    c.SetInterruptShadow();
                }

                return;
            }

            if (dest is >= Register.CR0 and <= Register.CR15)
            {
                c.WriteControlRegister(dest - Register.CR0, c.ReadReg(i.Op1Register));
                return;
            }

            if (dest is >= Register.DR0 and <= Register.DR15)
            {
                c.WriteDebugRegister(dest - Register.DR0, c.ReadReg(i.Op1Register));
                return;
            }

            if (i.Op1Kind == OpKind.Register)
            {
                var src = i.Op1Register;
                if (src is >= Register.CR0 and <= Register.CR15)
                {
                    c.WriteReg(dest, c.ReadControlRegister(src - Register.CR0));
                    return;
                }

                if (src is >= Register.DR0 and <= Register.DR15)
                {
                    c.WriteReg(dest, c.ReadDebugRegister(src - Register.DR0));
                    return;
                }
            }

            var size = X86Cpu.RegSize(dest);
            c.WriteReg(dest, c.ReadOp(i, 1, size));
            return;
        }

        var memSize = i.MemorySize.GetSize();
        c.WriteSized(c.Linear(i, memSize), memSize, c.ReadOp(i, 1, memSize));
    }

    private static void Movsx(X86Cpu c, in Instruction i)
    {
        var srcSize = X86Cpu.OpSize(i, 1);
        c.WriteReg(i.Op0Register, (ulong)SignExtend(c.ReadOp(i, 1, srcSize), srcSize));
    }

    private static void Movbe(X86Cpu c, in Instruction i)
    {
        var size = X86Cpu.OpSize(i, 0);
        var v = c.ReadOp(i, 1, size);
        v = size switch
        {
            2 => BinaryPrimitives.ReverseEndianness((ushort)v),
            4 => BinaryPrimitives.ReverseEndianness((uint)v),
            _ => BinaryPrimitives.ReverseEndianness(v),
        };
        c.WriteOp(i, 0, size, v);
    }

    private static void Xchg(X86Cpu c, in Instruction i)
    {
        var size = X86Cpu.OpSize(i, 0);
        if (i.Op0Kind == OpKind.Register && i.Op1Kind == OpKind.Register)
        {
            var a = c.ReadReg(i.Op0Register);
            var b = c.ReadReg(i.Op1Register);
            c.WriteReg(i.Op0Register, b);
            c.WriteReg(i.Op1Register, a);
            return;
        }

        var memIndex = i.Op0Kind == OpKind.Memory ? 0 : 1;
        var reg = memIndex == 0 ? i.Op1Register : i.Op0Register;
        var lin = c.Linear(i, size);
        var m = c.ReadSized(lin, size);
        c.WriteSized(lin, size, c.ReadReg(reg));
        c.WriteReg(reg, m);
    }

    private static void Push(X86Cpu c, in Instruction i)
    {
        var size = -i.StackPointerIncrement;
        ulong v = i.Op0Kind switch
        {
            OpKind.Register => c.ReadReg(i.Op0Register),
            OpKind.Memory => c.ReadSized(c.Linear(i, size), size),
            _ => (ulong)i.GetImmediate(0),
        };
        c.Push(v & X86Cpu.SizeMask(size), size);
    }

    private static void Pop(X86Cpu c, in Instruction i)
    {
        var size = i.StackPointerIncrement;
        var savedRsp = c.Gpr[4];
        var v = c.Pop(size);
        if (i.Op0Kind == OpKind.Register)
        {
            var r = i.Op0Register;
            if (IsSegment(r))
            {
                try
                {
                    c.LoadSegment(X86Cpu.ToSegment(r), (ushort)v);
                }
                catch (CpuFault)
                {
                    c.Gpr[4] = savedRsp;
                    throw;
                }

                if (r == Register.SS)
                {
                    c.SetInterruptShadow();
                }

                return;
            }

            c.WriteReg(r, v);
            return;
        }

        try
        {
            c.WriteSized(c.Linear(i, size), size, v);
        }
        catch (CpuFault)
        {
            c.Gpr[4] = savedRsp;
            throw;
        }
    }

    private static void Pushf(X86Cpu c, in Instruction i)
    {
        var size = -i.StackPointerIncrement;
        c.Push(c.ReadFlags() & ~(Cr.FlagVm | Cr.FlagRf) & X86Cpu.SizeMask(size), size);
    }

    private static void Popf(X86Cpu c, in Instruction i)
    {
        var size = i.StackPointerIncrement;
        var v = c.Pop(size);
        var wasIf = (c.FlagsRaw & Cr.FlagIf) != 0;
        c.WriteFlagsMasked(v, size, false);
        if (!wasIf && (c.FlagsRaw & Cr.FlagIf) != 0)
        {
            c.RecomputeEvents();
        }
    }

    private static void Pusha(X86Cpu c, in Instruction i)
    {
        var size = -i.StackPointerIncrement / 8;
        var sp = c.Gpr[4];
        for (var r = 0; r < 8; r++)
        {
            c.Push((r == 4 ? sp : c.Gpr[r]) & X86Cpu.SizeMask(size), size);
        }
    }

    private static void Popa(X86Cpu c, in Instruction i)
    {
        var size = i.StackPointerIncrement / 8;
        var reg = size == 2 ? Register.AX : Register.EAX;
        for (var r = 7; r >= 0; r--)
        {
            var v = c.Pop(size);
            if (r != 4)
            {
                c.WriteReg(reg + r, v);
            }
        }
    }

    private static void Enter(X86Cpu c, in Instruction i)
    {
        var size = c.Bitness == 64 ? (i.Code == Code.Enterw_imm16_imm8 ? 2 : 8) : i.Code == Code.Enterw_imm16_imm8 ? 2 : 4;
        var allocation = (ulong)i.Immediate16;
        var level = i.Immediate8_2nd & 31;
        var mask = c.StackMask;
        c.Push(c.Gpr[5] & X86Cpu.SizeMask(size), size);
        var frame = c.Gpr[4] & mask;
        if (level > 0)
        {
            var bp = c.Gpr[5];
            for (var k = 1; k < level; k++)
            {
                bp = (bp - (ulong)size) & mask;
                c.Push(c.ReadSized(c.StackLinear(bp, size), size), size);
            }

            c.Push(frame, size);
        }

        WriteSized(c, Register.RBP, size, frame);
        var newSp = (c.Gpr[4] - allocation) & mask;
        c.Gpr[4] = mask == ulong.MaxValue ? newSp : (c.Gpr[4] & ~mask) | newSp;
    }

    private static void WriteSized(X86Cpu c, Register full64, int size, ulong value) =>
        c.WriteReg(size switch { 2 => full64 - Register.RAX + Register.AX, 4 => full64 - Register.RAX + Register.EAX, _ => full64 }, value);

    private static void Leave(X86Cpu c, in Instruction i)
    {
        int size;
        var mask = c.StackMask;
        var savedSp = c.Gpr[4];
        c.Gpr[4] = mask == ulong.MaxValue ? c.Gpr[5] : (c.Gpr[4] & ~mask) | (c.Gpr[5] & mask);
        try
        {
            size = c.Bitness == 64 ? (i.Code == Code.Leavew ? 2 : 8) : i.Code == Code.Leavew ? 2 : 4;
            WriteSized(c, Register.RBP, size, c.Pop(size));
        }
        catch (CpuFault)
        {
            c.Gpr[4] = savedSp;
            throw;
        }
    }

    private static void Lahf(X86Cpu c)
    {
        var f = c.ReadFlags();
        c.WriteReg(Register.AH, (f & 0xD5) | 2);
    }

    private static void Sahf(X86Cpu c)
    {
        var f = c.ReadFlags();
        c.FlagsRaw = (f & ~0xD5UL) | ((c.Gpr[0] >> 8) & 0xD5) | 2;
    }

    private static void Xlat(X86Cpu c, in Instruction i)
    {
        var ea = (c.ReadReg(i.MemoryBase) + (c.Gpr[0] & 0xFF)) & c.AddressMask;
        c.WriteReg(Register.AL, c.Read8(c.SegmentedLinear(i.MemorySegment, ea, 1)));
    }
}
