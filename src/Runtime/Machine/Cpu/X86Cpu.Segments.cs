using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

public sealed partial class X86Cpu
{
    internal bool ProtectedMode => (Cr0Value & Cr.Cr0Pe) != 0;

    /// <summary>Reads the 8-byte descriptor a selector names; #GP(selector) when outside the table.</summary>
    internal ulong ReadDescriptor(ushort selector, out ulong address)
    {
        var index = (ulong)(selector & ~7);
        ulong tableBase;
        uint limit;
        if ((selector & 4) != 0)
        {
            tableBase = Ldtr.Base;
            limit = (Ldtr.Attributes & SegmentCache.PresentBit) == 0 || Ldtr.Selector == 0 ? 0 : Ldtr.Limit;
            if (limit == 0)
            {
                throw CpuFault.Gp((uint)(selector & ~3));
            }
        }
        else
        {
            tableBase = Gdtr.Base;
            limit = Gdtr.Limit;
        }

        if (index + 7 > limit)
        {
            throw CpuFault.Gp((uint)(selector & ~3));
        }

        address = tableBase + index;
        return ReadSystem(address, 8);
    }

    internal static SegmentCache ToCache(ushort selector, ulong raw, ulong upper = 0)
    {
        var segBase = ((raw >> 16) & 0xFF_FFFF) | (((raw >> 56) & 0xFF) << 24) | (upper << 32);
        var limit = (uint)((raw & 0xFFFF) | ((raw >> 32) & 0xF_0000));
        var attributes = (uint)((raw >> 40) & 0xF0FF);
        if ((attributes & SegmentCache.GranularityBit) != 0)
        {
            limit = (limit << 12) | 0xFFF;
        }

        return new SegmentCache(selector, segBase, limit, attributes);
    }

    private void SetAccessed(ulong address, ulong raw)
    {
        if ((raw & (1UL << 40)) == 0)
        {
            WriteSystem(address + 5, 1, (byte)((raw >> 40) | 1));
        }
    }

    /// <summary>Loads a data or stack segment register as MOV/POP/LxS do, with the protected-mode checks.</summary>
    internal void LoadSegment(SegmentRegister register, ushort selector)
    {
        if (!ProtectedMode)
        {
            Seg[(int)register] = Seg[(int)register] with { Selector = selector, Base = (ulong)selector << 4 };
            return;
        }

        var rpl = selector & 3;
        if ((selector & ~3) == 0)
        {
            if (register == SegmentRegister.Ss && !(Bitness == 64 && CplValue < 3 && rpl == CplValue))
            {
                throw CpuFault.Gp();
            }

            Seg[(int)register] = new SegmentCache(selector, register >= SegmentRegister.Fs ? Seg[(int)register].Base : 0, 0, 1u << 16);
            if (register >= SegmentRegister.Fs && Bitness == 64)
            {
                Seg[(int)register] = Seg[(int)register] with { Base = 0 };
            }

            return;
        }

        var raw = ReadDescriptor(selector, out var address);
        var cache = ToCache(selector, raw);
        var type = cache.Attributes & 0x1F;
        var dpl = cache.Dpl;
        var present = (cache.Attributes & SegmentCache.PresentBit) != 0;
        var error = (uint)(selector & ~3);
        if (register == SegmentRegister.Ss)
        {
            if (rpl != CplValue || dpl != CplValue || (type & 0x1A) != 0x12)
            {
                throw CpuFault.Gp(error);
            }

            if (!present)
            {
                throw new CpuFault(CpuFault.SS, error);
            }
        }
        else
        {
            var isData = (type & 0x18) == 0x10;
            var readableCode = (type & 0x1A) == 0x1A;
            var conformingCode = (type & 0x1C) == 0x1C;
            if (!(isData || readableCode) || (!conformingCode && dpl < Math.Max(CplValue, rpl)))
            {
                throw CpuFault.Gp(error);
            }

            if (!present)
            {
                throw new CpuFault(CpuFault.NP, error);
            }
        }

        SetAccessed(address, raw);
        Seg[(int)register] = cache with { Attributes = cache.Attributes | 1 };
    }

    /// <summary>Loads CS for a far transfer to a code-segment descriptor (call gates are not supported: #GP).</summary>
    internal void LoadCodeSegment(ushort selector, ulong target, bool isReturn)
    {
        if (!ProtectedMode)
        {
            Seg[1] = Seg[1] with { Selector = selector, Base = (ulong)selector << 4 };
            NextRip = target;
            UpdateMode();
            FlushDecodeCache();
            return;
        }

        if ((selector & ~3) == 0)
        {
            throw CpuFault.Gp();
        }

        var raw = ReadDescriptor(selector, out var address);
        var cache = ToCache(selector, raw);
        var type = cache.Attributes & 0x1F;
        var error = (uint)(selector & ~3);
        var rpl = selector & 3;
        if ((type & 0x18) != 0x18)
        {
            throw CpuFault.Gp(error);
        }

        var conforming = (type & 4) != 0;
        int newCpl;
        if (isReturn)
        {
            if (rpl < CplValue || (conforming ? cache.Dpl > rpl : cache.Dpl != rpl))
            {
                throw CpuFault.Gp(error);
            }

            newCpl = rpl;
        }
        else
        {
            if (conforming ? cache.Dpl > CplValue : (cache.Dpl != CplValue || rpl > CplValue))
            {
                throw CpuFault.Gp(error);
            }

            newCpl = CplValue;
        }

        if ((cache.Attributes & SegmentCache.PresentBit) == 0)
        {
            throw new CpuFault(CpuFault.NP, error);
        }

        SetAccessed(address, raw);
        Seg[1] = cache with { Selector = (ushort)((selector & ~3) | newCpl), Attributes = cache.Attributes | 1 };
        CplValue = newCpl;
        UpdateMode();
        NextRip = Bitness == 64 ? target : target & (Bitness == 32 ? 0xFFFF_FFFFUL : 0xFFFF);
        FlushDecodeCache();
    }

    /// <summary>After a return to an outer privilege level, data segments the new CPL may not use become null.</summary>
    internal void NullInaccessibleSegments()
    {
        foreach (var r in (ReadOnlySpan<SegmentRegister>)[SegmentRegister.Es, SegmentRegister.Ds, SegmentRegister.Fs, SegmentRegister.Gs])
        {
            var s = Seg[(int)r];
            var type = s.Attributes & 0x1F;
            var dataOrNonConforming = (type & 0x18) == 0x10 || (type & 0x1C) == 0x18;
            if ((s.Attributes & (1u << 16)) == 0 && dataOrNonConforming && s.Dpl < CplValue)
            {
                Seg[(int)r] = new SegmentCache(0, r >= SegmentRegister.Fs ? s.Base : 0, 0, 1u << 16);
            }
        }
    }

    internal static SegmentRegister ToSegment(Register r) => (SegmentRegister)(r - Register.ES);
}
