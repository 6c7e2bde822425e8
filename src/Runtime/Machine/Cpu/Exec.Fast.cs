namespace KjTest.Runtime.Machine.Cpu;

/// <summary>Forms of the hottest instructions that use the operand facts precomputed at decode time.</summary>
internal static partial class Exec
{
    private static void AluFast(X86Cpu c, ref DecodedInstruction d, AluKind kind)
    {
        int size = d.Size;
        if (size is 0 or > 8 || d.Kind1 == OperandClass.Other)
        {
            Alu(c, c.InstructionOf(ref d), kind);
            return;
        }

        var mask = X86Cpu.SizeMask(size);
        var b = d.Kind1 switch
        {
            OperandClass.Register => c.ReadRegInfo(d.Reg1),
            OperandClass.Immediate => d.Immediate,
            _ => c.ReadSized(c.LinearOf(ref d, size), size),
        };
        if (d.Kind0 == OperandClass.Register)
        {
            var result = Compute(c, kind, c.ReadRegInfo(d.Reg0), b, size, mask);
            if (kind is not (AluKind.Cmp or AluKind.Test))
            {
                c.WriteRegInfo(d.Reg0, result);
            }
        }
        else
        {
            var lin = c.LinearOf(ref d, size);
            var result = Compute(c, kind, c.ReadSized(lin, size), b, size, mask);
            if (kind is not (AluKind.Cmp or AluKind.Test))
            {
                c.WriteSized(lin, size, result);
            }
        }
    }

    private static void MovFast(X86Cpu c, ref DecodedInstruction d)
    {
        int size = d.Size;
        if (size is 0 or > 8 || d.Kind0 == OperandClass.Other || d.Kind1 == OperandClass.Other)
        {
            Mov(c, c.InstructionOf(ref d));
            return;
        }

        var value = d.Kind1 switch
        {
            OperandClass.Register => c.ReadRegInfo(d.Reg1),
            OperandClass.Immediate => d.Immediate,
            _ => c.ReadSized(c.LinearOf(ref d, size), size),
        };
        if (d.Kind0 == OperandClass.Register)
        {
            c.WriteRegInfo(d.Reg0, value);
        }
        else
        {
            c.WriteSized(c.LinearOf(ref d, size), size, value);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void IncDecFast(X86Cpu c, ref DecodedInstruction d, bool increment)
    {
        if (d.Kind0 != OperandClass.Register)
        {
            IncDec(c, c.InstructionOf(ref d), increment);
            return;
        }

        int size = d.Size;
        var carry = c.CarryFlag();
        var a = c.ReadRegInfo(d.Reg0);
        var r = (increment ? a + 1 : a - 1) & X86Cpu.SizeMask(size);
        c.WriteRegInfo(d.Reg0, r);
        c.LazyCarry = carry;
        c.SetLazy(increment ? LazyOp.Inc : LazyOp.Dec, a, 1, r, size);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void LeaFast(X86Cpu c, ref DecodedInstruction d)
    {
        var ea = d.Displacement + c.Gpr[d.Base] + (c.Gpr[d.Index] << d.ScaleShift);
        c.WriteRegInfo(d.Reg0, ea & d.AddressMask);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void PushFast(X86Cpu c, ref DecodedInstruction d)
    {
        if (d.Kind0 == OperandClass.Register)
        {
            c.Push(c.ReadRegInfo(d.Reg0), -d.StackDelta);
        }
        else
        {
            Push(c, c.InstructionOf(ref d));
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void PopFast(X86Cpu c, ref DecodedInstruction d)
    {
        if (d.Kind0 == OperandClass.Register)
        {
            c.WriteRegInfo(d.Reg0, c.Pop(d.StackDelta));
        }
        else
        {
            Pop(c, c.InstructionOf(ref d));
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void CallFast(X86Cpu c, ref DecodedInstruction d)
    {
        if (c.InstructionOf(ref d).Op0Kind is Iced.Intel.OpKind.NearBranch16 or Iced.Intel.OpKind.NearBranch32 or Iced.Intel.OpKind.NearBranch64)
        {
            c.Push(c.NextRip, -d.StackDelta);
            c.NextRip = d.Immediate;
        }
        else
        {
            Call(c, c.InstructionOf(ref d));
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static void RetFast(X86Cpu c, ref DecodedInstruction d)
    {
        if (c.InstructionOf(ref d).OpCount == 0)
        {
            c.NextRip = c.Pop(d.StackDelta);
        }
        else
        {
            Ret(c, c.InstructionOf(ref d));
        }
    }
}
