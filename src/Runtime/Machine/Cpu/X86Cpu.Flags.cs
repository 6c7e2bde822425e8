using System.Numerics;
using System.Runtime.CompilerServices;
using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

public sealed partial class X86Cpu
{
    internal ulong FlagsRaw = 2;
    internal LazyOp Lazy;
    internal ulong LazyRes;
    internal ulong LazyA;
    internal ulong LazyB;
    internal int LazySize = 1;
    internal bool LazyCarry;
    internal bool LazyOverflow;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SizeMask(int size) => size == 8 ? ulong.MaxValue : (1UL << (size * 8)) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SignBit(int size) => 1UL << ((size * 8) - 1);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetLazy(LazyOp op, ulong a, ulong b, ulong result, int size)
    {
        Lazy = op;
        LazyA = a;
        LazyB = b;
        LazyRes = result;
        LazySize = size;
    }

    /// <summary>Defines the flags of a shift by a non-zero count: CF and OF given, ZF/SF/PF from the result, AF clear.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void SetLazyShift(ulong result, int size, bool cf, bool of)
    {
        Lazy = LazyOp.Shift;
        LazyRes = result;
        LazySize = size;
        LazyCarry = cf;
        LazyOverflow = of;
    }

    internal ulong ReadFlags()
    {
        if (Lazy != LazyOp.None)
        {
            Materialize();
        }

        return FlagsRaw;
    }

    internal void WriteFlagsRaw(ulong value)
    {
        Lazy = LazyOp.None;
        FlagsRaw = (value & 0x3F_7FD7) | 2;
        UpdateInterruptArming();
    }

    internal void Materialize()
    {
        var f = FlagsRaw & ~Cr.ArithmeticFlags;
        if (CarryFlag())
        {
            f |= Cr.FlagCf;
        }

        if (OverflowFlag())
        {
            f |= Cr.FlagOf;
        }

        if (Lazy is not (LazyOp.Logic or LazyOp.Shift) && ((LazyA ^ LazyB ^ LazyRes) & 0x10) != 0)
        {
            f |= Cr.FlagAf;
        }

        if (LazyRes == 0)
        {
            f |= Cr.FlagZf;
        }

        if ((LazyRes & SignBit(LazySize)) != 0)
        {
            f |= Cr.FlagSf;
        }

        if ((BitOperations.PopCount(LazyRes & 0xFF) & 1) == 0)
        {
            f |= Cr.FlagPf;
        }

        FlagsRaw = f;
        Lazy = LazyOp.None;
    }

    internal bool CarryFlag() => Lazy switch
    {
        LazyOp.None => (FlagsRaw & Cr.FlagCf) != 0,
        LazyOp.Add => LazyRes < LazyA,
        LazyOp.Adc => LazyCarry ? LazyRes <= LazyA : LazyRes < LazyA,
        LazyOp.Sub => LazyA < LazyB,
        LazyOp.Sbb => LazyCarry ? LazyA <= LazyB : LazyA < LazyB,
        LazyOp.Logic => false,
        _ => LazyCarry,
    };

    internal bool OverflowFlag()
    {
        var sign = SignBit(LazySize);
        return Lazy switch
        {
            LazyOp.None => (FlagsRaw & Cr.FlagOf) != 0,
            LazyOp.Add or LazyOp.Adc or LazyOp.Inc => ((LazyA ^ LazyRes) & (LazyB ^ LazyRes) & sign) != 0,
            LazyOp.Sub or LazyOp.Sbb or LazyOp.Dec => ((LazyA ^ LazyB) & (LazyA ^ LazyRes) & sign) != 0,
            LazyOp.Shift => LazyOverflow,
            _ => false,
        };
    }

    internal bool ZeroFlag() => Lazy == LazyOp.None ? (FlagsRaw & Cr.FlagZf) != 0 : LazyRes == 0;

    internal bool SignFlag() => Lazy == LazyOp.None ? (FlagsRaw & Cr.FlagSf) != 0 : (LazyRes & SignBit(LazySize)) != 0;

    internal bool ParityFlag() => Lazy == LazyOp.None ? (FlagsRaw & Cr.FlagPf) != 0 : (BitOperations.PopCount(LazyRes & 0xFF) & 1) == 0;

    /// <summary>Sets the arithmetic flags to exact values (for shifts, multiplies and the like).</summary>
    internal void SetArithFlags(bool cf, bool pf, bool af, bool zf, bool sf, bool of)
    {
        if (Lazy != LazyOp.None)
        {
            Lazy = LazyOp.None;
        }

        var f = FlagsRaw & ~Cr.ArithmeticFlags;
        if (cf)
        {
            f |= Cr.FlagCf;
        }

        if (pf)
        {
            f |= Cr.FlagPf;
        }

        if (af)
        {
            f |= Cr.FlagAf;
        }

        if (zf)
        {
            f |= Cr.FlagZf;
        }

        if (sf)
        {
            f |= Cr.FlagSf;
        }

        if (of)
        {
            f |= Cr.FlagOf;
        }

        FlagsRaw = f;
    }

    /// <summary>Sets ZF, SF and PF from a result, with the given CF, OF and AF.</summary>
    internal void SetResultFlags(ulong result, int size, bool cf, bool of, bool af = false) =>
        SetArithFlags(cf, (BitOperations.PopCount(result & 0xFF) & 1) == 0, af, (result & SizeMask(size)) == 0, (result & SignBit(size)) != 0, of);

    internal void SetFlag(ulong flag, bool value)
    {
        if (Lazy != LazyOp.None)
        {
            Materialize();
        }

        FlagsRaw = value ? FlagsRaw | flag : FlagsRaw & ~flag;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool Condition(ConditionCode cc) => cc switch
    {
        ConditionCode.o => OverflowFlag(),
        ConditionCode.no => !OverflowFlag(),
        ConditionCode.b => CarryFlag(),
        ConditionCode.ae => !CarryFlag(),
        ConditionCode.e => ZeroFlag(),
        ConditionCode.ne => !ZeroFlag(),
        ConditionCode.be => CarryFlag() || ZeroFlag(),
        ConditionCode.a => !CarryFlag() && !ZeroFlag(),
        ConditionCode.s => SignFlag(),
        ConditionCode.ns => !SignFlag(),
        ConditionCode.p => ParityFlag(),
        ConditionCode.np => !ParityFlag(),
        ConditionCode.l => SignFlag() != OverflowFlag(),
        ConditionCode.ge => SignFlag() == OverflowFlag(),
        ConditionCode.le => ZeroFlag() || SignFlag() != OverflowFlag(),
        ConditionCode.g => !ZeroFlag() && SignFlag() == OverflowFlag(),
        _ => true,
    };
}
