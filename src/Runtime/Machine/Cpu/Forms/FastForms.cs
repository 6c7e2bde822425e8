using System.Runtime.CompilerServices;
using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu.Forms;

/// <summary>
/// Handlers specialized at JIT time for the instruction forms compiled code runs most (32- and 64-bit register,
/// immediate and memory operands), chosen once per decoded instruction; everything else goes through
/// <see cref="Exec.Execute"/>. Handlers are compiled fully optimized at once (AggressiveOptimization): a guest run is
/// one long loop through them, and waiting for tiered compilation would halve the speed of a short command-line run.
/// </summary>
internal static unsafe class FastForms
{
    /// <summary>The handler for a decoded instruction whose operand facts are filled in.</summary>
    public static delegate*<X86Cpu, ref DecodedInstruction, void> Select(ref DecodedInstruction d, in Instruction i)
    {
        var fast = SelectSpecialized(ref d, i);
        return fast != null ? fast : &Generic;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Generic(X86Cpu c, ref DecodedInstruction d)
    {
        // Only the generic semantics read the address size from the CPU; the forms take it from the slot.
        c.AddressMask = d.AddressMask;
        Exec.Execute(c, ref d);
    }

    private static delegate*<X86Cpu, ref DecodedInstruction, void> SelectSpecialized(ref DecodedInstruction d, in Instruction i)
    {
        return d.Handler switch
        {
            Handler.Add => Alu<AddOperation>(ref d),
            Handler.Or => Alu<OrOperation>(ref d),
            Handler.Adc => Alu<AdcOperation>(ref d),
            Handler.Sbb => Alu<SbbOperation>(ref d),
            Handler.And => Alu<AndOperation>(ref d),
            Handler.Sub => Alu<SubOperation>(ref d),
            Handler.Xor => Alu<XorOperation>(ref d),
            Handler.Cmp => Alu<CmpOperation>(ref d),
            Handler.Test => Alu<TestOperation>(ref d),
            Handler.Mov => Mov(ref d),
            Handler.Shl => Shift<ShlOperation>(ref d, i),
            Handler.Shr => Shift<ShrOperation>(ref d, i),
            Handler.Sar => Shift<SarOperation>(ref d, i),
            Handler.Movzx or Handler.Movsx => Extend(ref d, i),
            Handler.Neg when IsFullRegister(d.Kind0, d.Reg0, d.Size) => d.Size == 8 ? &Neg<Size64> : &Neg<Size32>,
            Handler.Jcc => Jcc((ConditionCode)d.Condition),
            Handler.Jmp when i.Op0Kind is OpKind.NearBranch16 or OpKind.NearBranch32 or OpKind.NearBranch64 => &JumpNear,
            Handler.Jmp when IsFullRegister(d.Kind0, d.Reg0, d.Size) => d.Size == 8 ? &JumpRegister<Size64> : &JumpRegister<Size32>,
            Handler.Jmp when d.Kind0 == OperandClass.Memory && d.Size is 4 or 8 && !i.IsJmpFarIndirect => d.Size == 8 ? &JumpMemory<Size64> : &JumpMemory<Size32>,
            Handler.Call when IsFullRegister(d.Kind0, d.Reg0, d.Size) => d.Size == 8 ? &CallRegister<Size64> : &CallRegister<Size32>,
            Handler.Call when d.Kind0 == OperandClass.Memory && d.Size is 4 or 8 && !i.IsCallFarIndirect => d.Size == 8 ? &CallMemory<Size64> : &CallMemory<Size32>,
            Handler.Cmovcc when IsFullRegister(d.Kind0, d.Reg0, d.Size) && d.Kind1 is OperandClass.Register or OperandClass.Memory =>
                d.Size == 8 ? &ConditionalMove<Size64> : &ConditionalMove<Size32>,
            Handler.Setcc when d.Kind0 == OperandClass.Register => &SetByteRegister,
            Handler.Imul => Multiply(ref d, i),
            Handler.Cdqe => &SignExtendEax,
            Handler.Cqo => &SignIntoRdx,
            Handler.Cdq => &SignIntoEdx,
            Handler.NoOperation => &NoOperation,
            Handler.Lea when d.Kind0 == OperandClass.Register => &Exec.LeaFast,
            Handler.Push when d.Kind0 == OperandClass.Register => &Exec.PushFast,
            Handler.Pop when d.Kind0 == OperandClass.Register => &Exec.PopFast,
            Handler.Call when i.Op0Kind is OpKind.NearBranch16 or OpKind.NearBranch32 or OpKind.NearBranch64 => &Exec.CallFast,
            Handler.Ret when i.OpCount == 0 => &Exec.RetFast,
            Handler.Inc when d.Kind0 == OperandClass.Register => &Increment,
            Handler.Dec when d.Kind0 == OperandClass.Register => &Decrement,
            Handler.Out => Output(ref d, i),
            _ => null,
        };
    }

    // A console loop is one OUT after another: the port and the width are fixed at decode time, the value is in rAX.
    private static delegate*<X86Cpu, ref DecodedInstruction, void> Output(ref DecodedInstruction d, in Instruction i)
    {
        d.SourceSize = (byte)X86Cpu.RegSize(i.Op1Register);
        if (i.Op0Kind == OpKind.Register)
        {
            return &Exec.OutDx;
        }

        d.Displacement = i.Immediate8;
        return &Exec.OutImmediate;
    }

    private static bool IsFullRegister(byte kind, ushort info, byte size) =>
        kind == OperandClass.Register && size is 4 or 8 && info >> 5 == size;

    private static delegate*<X86Cpu, ref DecodedInstruction, void> Alu<TOp>(ref DecodedInstruction d)
        where TOp : struct, IAluOperation
    {
        if (d.Size is 1 or 2)
        {
            return NarrowAlu<TOp>(ref d);
        }

        if (d.Size is not (4 or 8))
        {
            return null;
        }

        var wide = d.Size == 8;
        if (IsFullRegister(d.Kind0, d.Reg0, d.Size))
        {
            return d.Kind1 switch
            {
                OperandClass.Register when IsFullRegister(d.Kind1, d.Reg1, d.Size) => wide ? &AluRR<TOp, Size64> : &AluRR<TOp, Size32>,
                OperandClass.Immediate => wide ? &AluRI<TOp, Size64> : &AluRI<TOp, Size32>,
                OperandClass.Memory => wide ? &AluRM<TOp, Size64> : &AluRM<TOp, Size32>,
                _ => null,
            };
        }

        if (d.Kind0 == OperandClass.Memory)
        {
            return d.Kind1 switch
            {
                OperandClass.Register when IsFullRegister(d.Kind1, d.Reg1, d.Size) => wide ? &AluMR<TOp, Size64> : &AluMR<TOp, Size32>,
                OperandClass.Immediate => wide ? &AluMI<TOp, Size64> : &AluMI<TOp, Size32>,
                _ => null,
            };
        }

        return null;
    }

    /// <summary>8- and 16-bit ALU forms; register operands go through their descriptors, which know AH to BH.</summary>
    private static delegate*<X86Cpu, ref DecodedInstruction, void> NarrowAlu<TOp>(ref DecodedInstruction d)
        where TOp : struct, IAluOperation
    {
        var bytes = d.Size == 1;
        var register0 = d.Kind0 == OperandClass.Register && d.Reg0 >> 5 == d.Size;
        var register1 = d.Kind1 == OperandClass.Register && d.Reg1 >> 5 == d.Size;
        return (d.Kind0, d.Kind1) switch
        {
            (OperandClass.Register, OperandClass.Register) when register0 && register1 => bytes ? &NarrowRegister<TOp, Size8> : &NarrowRegister<TOp, Size16>,
            (OperandClass.Register, OperandClass.Immediate or OperandClass.Memory) when register0 => bytes ? &NarrowRegister<TOp, Size8> : &NarrowRegister<TOp, Size16>,
            (OperandClass.Memory, OperandClass.Immediate) => bytes ? &AluMI<TOp, Size8> : &AluMI<TOp, Size16>,
            (OperandClass.Memory, OperandClass.Register) when register1 => bytes ? &NarrowMemory<TOp, Size8> : &NarrowMemory<TOp, Size16>,
            _ => null,
        };
    }

    private static delegate*<X86Cpu, ref DecodedInstruction, void> Mov(ref DecodedInstruction d)
    {
        var wide = d.Size == 8;
        if (IsFullRegister(d.Kind0, d.Reg0, d.Size))
        {
            return d.Kind1 switch
            {
                OperandClass.Register when IsFullRegister(d.Kind1, d.Reg1, d.Size) => wide ? &MovRR<Size64> : &MovRR<Size32>,
                OperandClass.Immediate => wide ? &MovRI<Size64> : &MovRI<Size32>,
                OperandClass.Memory => wide ? &MovRM<Size64> : &MovRM<Size32>,
                _ => null,
            };
        }

        if (d.Kind0 == OperandClass.Memory && d.Size is 1 or 2 or 4 or 8)
        {
            return d.Kind1 switch
            {
                OperandClass.Register when IsFullRegister(d.Kind1, d.Reg1, d.Size) => wide ? &MovStore<Size64> : &MovStore<Size32>,
                OperandClass.Register => &MovMR,
                OperandClass.Immediate => &MovMI,
                _ => null,
            };
        }

        return null;
    }

    private static delegate*<X86Cpu, ref DecodedInstruction, void> Shift<TOp>(ref DecodedInstruction d, in Instruction i)
        where TOp : struct, IShiftOperation
    {
        if (!IsFullRegister(d.Kind0, d.Reg0, d.Size) || i.OpCount != 2)
        {
            return null;
        }

        var wide = d.Size == 8;
        return d.Kind1 switch
        {
            OperandClass.Immediate => wide ? &ShiftRI<TOp, Size64> : &ShiftRI<TOp, Size32>,
            OperandClass.Register when i.Op1Register == Register.CL => wide ? &ShiftRC<TOp, Size64> : &ShiftRC<TOp, Size32>,
            _ => null,
        };
    }

    private static delegate*<X86Cpu, ref DecodedInstruction, void> Extend(ref DecodedInstruction d, in Instruction i)
    {
        if (!IsFullRegister(d.Kind0, d.Reg0, d.Size) || d.Kind1 is not (OperandClass.Register or OperandClass.Memory))
        {
            return null;
        }

        d.SourceSize = (byte)X86Cpu.OpSize(i, 1);
        var signed = d.Handler == Handler.Movsx;
        if (d.Kind1 == OperandClass.Memory)
        {
            return (signed, d.Size, d.SourceSize) switch
            {
                (true, 8, 4) => &ExtendMemory<Size64, Size32, SignExtension>,
                (true, 8, 2) => &ExtendMemory<Size64, Size16, SignExtension>,
                (true, 8, 1) => &ExtendMemory<Size64, Size8, SignExtension>,
                (true, 4, 2) => &ExtendMemory<Size32, Size16, SignExtension>,
                (true, 4, 1) => &ExtendMemory<Size32, Size8, SignExtension>,
                (false, 8, 2) => &ExtendMemory<Size64, Size16, ZeroExtension>,
                (false, 8, 1) => &ExtendMemory<Size64, Size8, ZeroExtension>,
                (false, 4, 2) => &ExtendMemory<Size32, Size16, ZeroExtension>,
                (false, 4, 1) => &ExtendMemory<Size32, Size8, ZeroExtension>,
                _ => signed ? d.Size == 8 ? &Movsx<Size64> : &Movsx<Size32> : d.Size == 8 ? &Movzx<Size64> : &Movzx<Size32>,
            };
        }

        return d.Size == 8
            ? signed ? &Movsx<Size64> : &Movzx<Size64>
            : signed ? &Movsx<Size32> : &Movzx<Size32>;
    }

    private static delegate*<X86Cpu, ref DecodedInstruction, void> Multiply(ref DecodedInstruction d, in Instruction i)
    {
        if (!IsFullRegister(d.Kind0, d.Reg0, d.Size) || d.Kind1 is not (OperandClass.Register or OperandClass.Memory))
        {
            return null;
        }

        if (i.OpCount == 3)
        {
            d.Immediate = i.GetImmediate(2) & X86Cpu.SizeMask(d.Size);
            return d.Size == 8 ? &MultiplyImmediate<Size64> : &MultiplyImmediate<Size32>;
        }

        return i.OpCount == 2 ? d.Size == 8 ? &MultiplyRegister<Size64> : &MultiplyRegister<Size32> : null;
    }

    private static delegate*<X86Cpu, ref DecodedInstruction, void> Jcc(ConditionCode cc) => cc switch
    {
        ConditionCode.o => &JumpO,
        ConditionCode.no => &JumpNo,
        ConditionCode.b => &JumpB,
        ConditionCode.ae => &JumpAe,
        ConditionCode.e => &JumpE,
        ConditionCode.ne => &JumpNe,
        ConditionCode.be => &JumpBe,
        ConditionCode.a => &JumpA,
        ConditionCode.s => &JumpS,
        ConditionCode.ns => &JumpNs,
        ConditionCode.p => &JumpP,
        ConditionCode.np => &JumpNp,
        ConditionCode.l => &JumpL,
        ConditionCode.ge => &JumpGe,
        ConditionCode.le => &JumpLe,
        ConditionCode.g => &JumpG,
        _ => null,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AluRR<TOp, TSize>(X86Cpu c, ref DecodedInstruction d)
        where TOp : struct, IAluOperation
        where TSize : struct, IOperandSize
    {
        var r = TOp.Apply<TSize>(c, TSize.Read(c, d.Reg0 & 15), TSize.Read(c, d.Reg1 & 15));
        if (TOp.WritesResult)
        {
            TSize.Write(c, d.Reg0 & 15, r);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AluRI<TOp, TSize>(X86Cpu c, ref DecodedInstruction d)
        where TOp : struct, IAluOperation
        where TSize : struct, IOperandSize
    {
        var r = TOp.Apply<TSize>(c, TSize.Read(c, d.Reg0 & 15), d.Immediate);
        if (TOp.WritesResult)
        {
            TSize.Write(c, d.Reg0 & 15, r);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AluRM<TOp, TSize>(X86Cpu c, ref DecodedInstruction d)
        where TOp : struct, IAluOperation
        where TSize : struct, IOperandSize
    {
        var b = TSize.Load(c, c.LinearOf(ref d, TSize.Bytes));
        var r = TOp.Apply<TSize>(c, TSize.Read(c, d.Reg0 & 15), b);
        if (TOp.WritesResult)
        {
            TSize.Write(c, d.Reg0 & 15, r);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AluMR<TOp, TSize>(X86Cpu c, ref DecodedInstruction d)
        where TOp : struct, IAluOperation
        where TSize : struct, IOperandSize
    {
        var linear = c.LinearOf(ref d, TSize.Bytes);
        var r = TOp.Apply<TSize>(c, TSize.Load(c, linear), TSize.Read(c, d.Reg1 & 15));
        if (TOp.WritesResult)
        {
            TSize.Store(c, linear, r);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AluMI<TOp, TSize>(X86Cpu c, ref DecodedInstruction d)
        where TOp : struct, IAluOperation
        where TSize : struct, IOperandSize
    {
        var linear = c.LinearOf(ref d, TSize.Bytes);
        var r = TOp.Apply<TSize>(c, TSize.Load(c, linear), d.Immediate);
        if (TOp.WritesResult)
        {
            TSize.Store(c, linear, r);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NarrowRegister<TOp, TSize>(X86Cpu c, ref DecodedInstruction d)
        where TOp : struct, IAluOperation
        where TSize : struct, IOperandSize
    {
        var b = d.Kind1 switch
        {
            OperandClass.Register => c.ReadRegInfo(d.Reg1),
            OperandClass.Immediate => d.Immediate,
            _ => TSize.Load(c, c.LinearOf(ref d, TSize.Bytes)),
        };
        var r = TOp.Apply<TSize>(c, c.ReadRegInfo(d.Reg0), b);
        if (TOp.WritesResult)
        {
            c.WriteRegInfo(d.Reg0, r);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NarrowMemory<TOp, TSize>(X86Cpu c, ref DecodedInstruction d)
        where TOp : struct, IAluOperation
        where TSize : struct, IOperandSize
    {
        var linear = c.LinearOf(ref d, TSize.Bytes);
        var r = TOp.Apply<TSize>(c, TSize.Load(c, linear), c.ReadRegInfo(d.Reg1));
        if (TOp.WritesResult)
        {
            TSize.Store(c, linear, r);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void NoOperation(X86Cpu c, ref DecodedInstruction d)
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MovRR<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize =>
        TSize.Write(c, d.Reg0 & 15, TSize.Read(c, d.Reg1 & 15));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MovRI<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize =>
        TSize.Write(c, d.Reg0 & 15, d.Immediate);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MovRM<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize =>
        TSize.Write(c, d.Reg0 & 15, TSize.Load(c, c.LinearOf(ref d, TSize.Bytes)));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MovStore<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize =>
        TSize.Store(c, c.LinearOf(ref d, TSize.Bytes), TSize.Read(c, d.Reg1 & 15));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ExtendMemory<TSize, TSource, TExtension>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize
        where TSource : struct, IOperandSize
        where TExtension : struct, IExtension =>
        TSize.Write(c, d.Reg0 & 15, TExtension.Extend<TSource>(TSource.Load(c, c.LinearOf(ref d, TSource.Bytes))) & TSize.Mask);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MovMR(X86Cpu c, ref DecodedInstruction d)
    {
        int size = d.Size;
        c.WriteSized(c.LinearOf(ref d, size), size, c.ReadRegInfo(d.Reg1));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MovMI(X86Cpu c, ref DecodedInstruction d)
    {
        int size = d.Size;
        c.WriteSized(c.LinearOf(ref d, size), size, d.Immediate);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ShiftRI<TOp, TSize>(X86Cpu c, ref DecodedInstruction d)
        where TOp : struct, IShiftOperation
        where TSize : struct, IOperandSize =>
        ShiftRegister<TOp, TSize>(c, ref d, (int)d.Immediate);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ShiftRC<TOp, TSize>(X86Cpu c, ref DecodedInstruction d)
        where TOp : struct, IShiftOperation
        where TSize : struct, IOperandSize =>
        ShiftRegister<TOp, TSize>(c, ref d, (int)c.Gpr[1]);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ShiftRegister<TOp, TSize>(X86Cpu c, ref DecodedInstruction d, int count)
        where TOp : struct, IShiftOperation
        where TSize : struct, IOperandSize
    {
        count &= TSize.Bytes == 8 ? 63 : 31;
        var a = TSize.Read(c, d.Reg0 & 15);

        // A count of 0 changes no flags, but a 32-bit destination is still written (its upper half clears).
        TSize.Write(c, d.Reg0 & 15, count == 0 ? a : TOp.Apply<TSize>(c, a, count));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Movzx<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize
    {
        int size = d.SourceSize;
        var value = d.Kind1 == OperandClass.Register ? c.ReadRegInfo(d.Reg1) : c.ReadSized(c.LinearOf(ref d, size), size);
        TSize.Write(c, d.Reg0 & 15, value);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Movsx<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize
    {
        int size = d.SourceSize;
        var value = d.Kind1 == OperandClass.Register ? c.ReadRegInfo(d.Reg1) : c.ReadSized(c.LinearOf(ref d, size), size);
        var unused = 64 - (size * 8);
        TSize.Write(c, d.Reg0 & 15, (ulong)((long)(value << unused) >> unused) & TSize.Mask);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Neg<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize
    {
        var a = TSize.Read(c, d.Reg0 & 15);
        var r = (0 - a) & TSize.Mask;
        TSize.Write(c, d.Reg0 & 15, r);
        c.SetLazy(LazyOp.Sub, 0, a, r, TSize.Bytes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Source<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize =>
        d.Kind1 == OperandClass.Register ? TSize.Read(c, d.Reg1 & 15) : TSize.Load(c, c.LinearOf(ref d, TSize.Bytes));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpNear(X86Cpu c, ref DecodedInstruction d) => c.NextRip = d.Immediate;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpRegister<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize =>
        c.NextRip = TSize.Read(c, d.Reg0 & 15);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpMemory<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize =>
        c.NextRip = TSize.Load(c, c.LinearOf(ref d, TSize.Bytes));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CallRegister<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize
    {
        var target = TSize.Read(c, d.Reg0 & 15);
        c.Push(c.NextRip, -d.StackDelta);
        c.NextRip = target;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CallMemory<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize
    {
        // The target is read before the push, which may move the stack pointer an address uses.
        var target = TSize.Load(c, c.LinearOf(ref d, TSize.Bytes));
        c.Push(c.NextRip, -d.StackDelta);
        c.NextRip = target;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ConditionalMove<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize
    {
        // The source is read (and may fault) and the destination written whatever the condition.
        var source = Source<TSize>(c, ref d);
        TSize.Write(c, d.Reg0 & 15, c.Condition((ConditionCode)d.Condition) ? source : TSize.Read(c, d.Reg0 & 15));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SetByteRegister(X86Cpu c, ref DecodedInstruction d) =>
        c.WriteRegInfo(d.Reg0, c.Condition((ConditionCode)d.Condition) ? 1UL : 0);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyRegister<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize =>
        SignedMultiply<TSize>(c, ref d, TSize.Read(c, d.Reg0 & 15), Source<TSize>(c, ref d));

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MultiplyImmediate<TSize>(X86Cpu c, ref DecodedInstruction d)
        where TSize : struct, IOperandSize =>
        SignedMultiply<TSize>(c, ref d, Source<TSize>(c, ref d), d.Immediate);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SignedMultiply<TSize>(X86Cpu c, ref DecodedInstruction d, ulong a, ulong b)
        where TSize : struct, IOperandSize
    {
        var unused = 64 - (TSize.Bytes * 8);
        var full = (Int128)((long)(a << unused) >> unused) * ((long)(b << unused) >> unused);
        var result = (ulong)full & TSize.Mask;
        TSize.Write(c, d.Reg0 & 15, result);
        var overflow = full != (long)(result << unused) >> unused;
        c.SetResultFlags(result, TSize.Bytes, overflow, overflow);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SignExtendEax(X86Cpu c, ref DecodedInstruction d) => c.Gpr[0] = (ulong)(long)(int)c.Gpr[0];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SignIntoRdx(X86Cpu c, ref DecodedInstruction d) => c.Gpr[2] = (long)c.Gpr[0] < 0 ? ulong.MaxValue : 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SignIntoEdx(X86Cpu c, ref DecodedInstruction d) => c.Gpr[2] = (int)c.Gpr[0] < 0 ? 0xFFFF_FFFFUL : 0;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Increment(X86Cpu c, ref DecodedInstruction d) => Exec.IncDecFast(c, ref d, true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Decrement(X86Cpu c, ref DecodedInstruction d) => Exec.IncDecFast(c, ref d, false);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void JumpIf(X86Cpu c, ref DecodedInstruction d, bool taken)
    {
        if (taken)
        {
            c.NextRip = d.Immediate;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpO(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, c.OverflowFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpNo(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, !c.OverflowFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpB(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, c.CarryFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpAe(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, !c.CarryFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpE(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, c.ZeroFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpNe(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, !c.ZeroFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpBe(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, c.CarryFlag() || c.ZeroFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpA(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, !c.CarryFlag() && !c.ZeroFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpS(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, c.SignFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpNs(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, !c.SignFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpP(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, c.ParityFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpNp(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, !c.ParityFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpL(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, c.SignFlag() != c.OverflowFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpGe(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, c.SignFlag() == c.OverflowFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpLe(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, c.ZeroFlag() || c.SignFlag() != c.OverflowFlag());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void JumpG(X86Cpu c, ref DecodedInstruction d) => JumpIf(c, ref d, !c.ZeroFlag() && c.SignFlag() == c.OverflowFlag());
}
