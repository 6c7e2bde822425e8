using System.Runtime.InteropServices;
using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

internal static partial class Exec
{
    private static int ElementSize(in Instruction i) => i.Mnemonic switch
    {
        Mnemonic.Movsb or Mnemonic.Stosb or Mnemonic.Lodsb or Mnemonic.Cmpsb or Mnemonic.Scasb or Mnemonic.Insb or Mnemonic.Outsb => 1,
        Mnemonic.Movsw or Mnemonic.Stosw or Mnemonic.Lodsw or Mnemonic.Cmpsw or Mnemonic.Scasw or Mnemonic.Insw or Mnemonic.Outsw => 2,
        Mnemonic.Movsq or Mnemonic.Stosq or Mnemonic.Lodsq or Mnemonic.Cmpsq or Mnemonic.Scasq => 8,
        _ => 4,
    };

    private static void StringOp(X86Cpu c, in Instruction i, StringKind kind)
    {
        var size = ElementSize(i);
        var mask = c.AddressMask;
        var step = (c.FlagsRaw & Cr.FlagDf) != 0 ? (ulong)(-size) : (ulong)size;
        var repeated = i.HasRepPrefix || i.HasRepnePrefix;
        var counter = CounterRegister(c);
        var sourceSegment = kind is StringKind.Movs or StringKind.Lods or StringKind.Cmps or StringKind.Outs ? i.MemorySegment : Register.DS;
        if (kind is StringKind.Ins or StringKind.Outs)
        {
            CheckIoPermission(c);
        }

        if (!repeated)
        {
            StringStep(c, kind, size, step, mask, sourceSegment);
            return;
        }

        // Each iteration retires as one instruction, and one execution does no more than the chunk's budget allows:
        // when the count is not exhausted the instruction restarts at its own address, with RCX, RSI and RDI advanced
        // as far as the iterations done, as hardware leaves them when it takes an interrupt between iterations.
        var allowed = c.BudgetEnd > c.Retired ? c.BudgetEnd - c.Retired : 1;
        ulong done = 0;
        try
        {
            while ((c.ReadReg(counter) & mask) != 0)
            {
                if (done >= allowed)
                {
                    c.NextRip = c.RipValue;
                    break;
                }

                if ((kind is StringKind.Movs or StringKind.Stos) && step == (ulong)size && TryBulk(c, kind, size, mask, sourceSegment, counter, allowed - done, ref done))
                {
                    continue;
                }

                StringStep(c, kind, size, step, mask, sourceSegment);
                c.WriteReg(counter, (c.ReadReg(counter) - 1) & mask);
                done++;
                if (kind is StringKind.Cmps or StringKind.Scas)
                {
                    var zf = c.ZeroFlag();
                    if ((i.HasRepePrefix && !zf) || (i.HasRepnePrefix && zf))
                    {
                        break;
                    }
                }
            }
        }
        catch (CpuFault)
        {
            // The iterations before the faulting one happened; they count, the faulting one does not retire.
            c.Retired += done;
            throw;
        }

        // The execution itself retires one (the run loop counts it); a zero count still retires once.
        if (done > 1)
        {
            c.Retired += done - 1;
        }
    }

    private static ulong Advance(X86Cpu c, int reg, ulong step, ulong mask)
    {
        var old = c.Gpr[reg];
        var updated = (old + step) & mask;
        c.Gpr[reg] = mask == ulong.MaxValue ? updated : mask == 0xFFFF_FFFF ? updated : (old & ~mask) | updated;
        return old & mask;
    }

    private static void StringStep(X86Cpu c, StringKind kind, int size, ulong step, ulong mask, Register sourceSegment)
    {
        switch (kind)
        {
            case StringKind.Movs:
                {
                    var v = c.ReadSized(c.SegmentedLinear(sourceSegment, c.Gpr[6] & mask, size), size);
                    c.WriteSized(c.SegmentedLinear(Register.ES, c.Gpr[7] & mask, size), size, v);
                    Advance(c, 6, step, mask);
                    Advance(c, 7, step, mask);
                    break;
                }

            case StringKind.Stos:
                c.WriteSized(c.SegmentedLinear(Register.ES, c.Gpr[7] & mask, size), size, c.Gpr[0] & X86Cpu.SizeMask(size));
                Advance(c, 7, step, mask);
                break;
            case StringKind.Lods:
                {
                    var v = c.ReadSized(c.SegmentedLinear(sourceSegment, c.Gpr[6] & mask, size), size);
                    WriteAccumulator(c, size, v);
                    Advance(c, 6, step, mask);
                    break;
                }

            case StringKind.Cmps:
                {
                    var a = c.ReadSized(c.SegmentedLinear(sourceSegment, c.Gpr[6] & mask, size), size);
                    var b = c.ReadSized(c.SegmentedLinear(Register.ES, c.Gpr[7] & mask, size), size);
                    c.SetLazy(LazyOp.Sub, a, b, (a - b) & X86Cpu.SizeMask(size), size);
                    Advance(c, 6, step, mask);
                    Advance(c, 7, step, mask);
                    break;
                }

            case StringKind.Scas:
                {
                    var a = c.Gpr[0] & X86Cpu.SizeMask(size);
                    var b = c.ReadSized(c.SegmentedLinear(Register.ES, c.Gpr[7] & mask, size), size);
                    c.SetLazy(LazyOp.Sub, a, b, (a - b) & X86Cpu.SizeMask(size), size);
                    Advance(c, 7, step, mask);
                    break;
                }

            case StringKind.Ins:
                {
                    var lin = c.SegmentedLinear(Register.ES, c.Gpr[7] & mask, size);
                    c.ProbeWrite(lin, size);
                    c.WriteSized(lin, size, c.Bus.In((ushort)c.Gpr[2], size));
                    Advance(c, 7, step, mask);
                    break;
                }

            default:
                {
                    var v = c.ReadSized(c.SegmentedLinear(sourceSegment, c.Gpr[6] & mask, size), size);
                    c.Bus.Out((ushort)c.Gpr[2], size, (uint)v);
                    Advance(c, 6, step, mask);
                    break;
                }
        }
    }

    /// <summary>
    /// Moves or stores whole elements a page at a time with span operations, registers updated after each page so a
    /// fault leaves them at an element boundary; in 64-bit mode it continues across pages (one walk per leaf mapping).
    /// </summary>
    private static bool TryBulk(X86Cpu c, StringKind kind, int size, ulong mask, Register sourceSegment, Register counter, ulong allowed, ref ulong done)
    {
        var count = c.ReadReg(counter) & mask;
        var dst = c.Gpr[7] & mask;
        if (count < 2 || dst + (count * (ulong)size) > mask || (dst & (ulong)(size - 1)) != 0)
        {
            return false;
        }

        if (kind == StringKind.Movs)
        {
            var src = c.Gpr[6] & mask;
            if ((src & (ulong)(size - 1)) != 0 || src + (count * (ulong)size) > mask)
            {
                return false;
            }
        }

        var progressed = false;
        while (done < allowed && BulkPage(c, kind, size, mask, sourceSegment, counter, allowed - done, ref count, ref done))
        {
            progressed = true;
            if (c.Bitness != 64 || count < 2)
            {
                break;
            }
        }

        return progressed;
    }

    private static bool BulkPage(X86Cpu c, StringKind kind, int size, ulong mask, Register sourceSegment, Register counter, ulong allowed, ref ulong count, ref ulong done)
    {
        var dst = c.Gpr[7] & mask;
        var dstLin = c.SegmentedLinear(Register.ES, dst, size);
        var n = Math.Min(Math.Min(count, allowed), (0x1000 - (dstLin & 0xFFF)) / (ulong)size);
        ulong srcLin = 0;
        if (kind == StringKind.Movs)
        {
            srcLin = c.SegmentedLinear(sourceSegment, c.Gpr[6] & mask, size);
            n = Math.Min(n, (0x1000 - (srcLin & 0xFFF)) / (ulong)size);
        }

        if (n < 2)
        {
            return false;
        }

        var bytes = (int)n * size;
        if (c.Bitness != 64)
        {
            c.SegmentedLinear(Register.ES, dst, bytes);
        }

        if (!c.TryGetWriteSpan(dstLin, bytes, out var destination))
        {
            return false;
        }

        if (kind == StringKind.Movs)
        {
            if (!c.TryGetReadSpan(srcLin, bytes, out var source) || source.Overlaps(destination))
            {
                return false;
            }

            CopyPageSpan(source, destination);
            c.Gpr[6] = UpdateIndex(c.Gpr[6], (ulong)bytes, mask);
        }
        else
        {
            switch (size)
            {
                case 1: destination.Fill((byte)c.Gpr[0]); break;
                case 2: MemoryMarshal.Cast<byte, ushort>(destination).Fill((ushort)c.Gpr[0]); break;
                case 4: MemoryMarshal.Cast<byte, uint>(destination).Fill((uint)c.Gpr[0]); break;
                default: MemoryMarshal.Cast<byte, ulong>(destination).Fill(c.Gpr[0]); break;
            }
        }

        c.Gpr[7] = UpdateIndex(c.Gpr[7], (ulong)bytes, mask);
        count -= n;
        done += n;
        c.WriteReg(counter, count);
        return true;
    }

    private static ulong UpdateIndex(ulong old, ulong delta, ulong mask) =>
        mask == ulong.MaxValue ? old + delta : mask == 0xFFFF_FFFF ? (uint)(old + delta) : (old & ~mask) | ((old + delta) & mask);

    private static void CheckIoPermission(X86Cpu c)
    {
        if (c.ProtectedMode && c.CplValue > Iopl(c))
        {
            throw CpuFault.Gp();
        }
    }

    private static void In(X86Cpu c, in Instruction i)
    {
        CheckIoPermission(c);
        var size = X86Cpu.RegSize(i.Op0Register);
        var port = i.Op1Kind == OpKind.Register ? (ushort)c.Gpr[2] : i.Immediate8;
        c.WriteReg(i.Op0Register, c.Bus.In(port, size));
    }

    private static void Out(X86Cpu c, in Instruction i)
    {
        CheckIoPermission(c);
        var size = X86Cpu.RegSize(i.Op1Register);
        var port = i.Op0Kind == OpKind.Register ? (ushort)c.Gpr[2] : i.Immediate8;
        c.Bus.Out(port, size, (uint)c.ReadReg(i.Op1Register));
    }

    /// <summary>OUT DX, AL/AX/EAX with the width in the slot.</summary>
    internal static void OutDx(X86Cpu c, ref DecodedInstruction d)
    {
        CheckIoPermission(c);
        c.Bus.Out((ushort)c.Gpr[2], d.SourceSize, (uint)c.Gpr[0] & (uint.MaxValue >> (32 - (8 * d.SourceSize))));
    }

    /// <summary>OUT imm8, AL/AX/EAX with the port and the width in the slot.</summary>
    internal static void OutImmediate(X86Cpu c, ref DecodedInstruction d)
    {
        CheckIoPermission(c);
        c.Bus.Out((ushort)d.Displacement, d.SourceSize, (uint)c.Gpr[0] & (uint.MaxValue >> (32 - (8 * d.SourceSize))));
    }

    /// <summary>Copies within one page; whole pages with 512-bit moves, which stream better than memmove's string copy here.</summary>
    private static void CopyPageSpan(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        if (source.Length != 4096 || !System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated)
        {
            source.CopyTo(destination);
            return;
        }

        ref var s = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(source);
        ref var d = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(destination);
        for (nuint o = 0; o < 4096; o += 256)
        {
            var v0 = System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref s, o);
            var v1 = System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref s, o + 64);
            var v2 = System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref s, o + 128);
            var v3 = System.Runtime.Intrinsics.Vector512.LoadUnsafe(ref s, o + 192);
            System.Runtime.Intrinsics.Vector512.StoreUnsafe(v0, ref d, o);
            System.Runtime.Intrinsics.Vector512.StoreUnsafe(v1, ref d, o + 64);
            System.Runtime.Intrinsics.Vector512.StoreUnsafe(v2, ref d, o + 128);
            System.Runtime.Intrinsics.Vector512.StoreUnsafe(v3, ref d, o + 192);
        }
    }
}
