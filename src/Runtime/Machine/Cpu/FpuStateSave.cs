using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

/// <summary>FXSAVE/FXRSTOR and XSAVE/XRSTOR of the x87 and SSE components, in the standard (non-compacted) layouts.</summary>
internal static class FpuStateSave
{
    private const int LegacySize = 512;

    private static void Check(X86Cpu c, ulong lin, ulong alignment)
    {
        if ((c.Cr0Value & (Cr.Cr0Ts | Cr.Cr0Em)) != 0)
        {
            throw new CpuFault(CpuFault.NM, null);
        }

        if ((lin & (alignment - 1)) != 0)
        {
            throw CpuFault.Gp();
        }
    }

    /// <summary>Tag (0 valid, 1 zero, 2 special) an occupied x87 register would have.</summary>
    internal static int TagOf(Float80 v)
    {
        var exp = v.SignExponent & 0x7FFF;
        if (exp == 0x7FFF)
        {
            return 2;
        }

        if (exp == 0)
        {
            return v.Significand == 0 ? 1 : 2;
        }

        return (v.Significand >> 63) == 0 ? 2 : 0;
    }

    private static byte AbridgedTags(X86Cpu c)
    {
        var tags = 0;
        for (var r = 0; r < 8; r++)
        {
            if (((c.Ftw >> (2 * r)) & 3) != 3)
            {
                tags |= 1 << r;
            }
        }

        return (byte)tags;
    }

    private static ushort FullTags(X86Cpu c, byte abridged)
    {
        var ftw = 0;
        for (var r = 0; r < 8; r++)
        {
            var tag = (abridged & (1 << r)) == 0 ? 3 : TagOf(c.Fpr[r]);
            ftw |= tag << (2 * r);
        }

        return (ushort)ftw;
    }

    private static void WriteX87(X86Cpu c, Span<byte> image, bool wide)
    {
        BitConverter.TryWriteBytes(image[0..], c.Fcw);
        BitConverter.TryWriteBytes(image[2..], c.Fsw);
        image[4] = AbridgedTags(c);
        BitConverter.TryWriteBytes(image[6..], c.Fop);
        if (wide)
        {
            BitConverter.TryWriteBytes(image[8..], c.Fip);
            BitConverter.TryWriteBytes(image[16..], c.Fdp);
        }
        else
        {
            BitConverter.TryWriteBytes(image[8..], (uint)c.Fip);
            BitConverter.TryWriteBytes(image[16..], (uint)c.Fdp);
        }

        for (var k = 0; k < 8; k++)
        {
            var v = c.GetSt(k);
            BitConverter.TryWriteBytes(image[(32 + (16 * k))..], v.Significand);
            BitConverter.TryWriteBytes(image[(40 + (16 * k))..], v.SignExponent);
        }
    }

    private static void WriteSse(X86Cpu c, Span<byte> image)
    {
        var count = c.Bitness == 64 ? 16 : 8;
        for (var k = 0; k < count; k++)
        {
            BitConverter.TryWriteBytes(image[(160 + (16 * k))..], (ulong)c.Xmm[k]);
            BitConverter.TryWriteBytes(image[(168 + (16 * k))..], (ulong)(c.Xmm[k] >> 64));
        }
    }

    private static void WriteMxcsr(X86Cpu c, Span<byte> image)
    {
        BitConverter.TryWriteBytes(image[24..], c.Mxcsr);
        BitConverter.TryWriteBytes(image[28..], 0xFFFFu);
    }

    private static void ReadX87(X86Cpu c, ReadOnlySpan<byte> image, bool wide)
    {
        c.Fcw = BitConverter.ToUInt16(image[0..]);
        c.Fsw = BitConverter.ToUInt16(image[2..]);
        c.Fop = (ushort)(BitConverter.ToUInt16(image[6..]) & 0x7FF);
        c.Fip = wide ? BitConverter.ToUInt64(image[8..]) : BitConverter.ToUInt32(image[8..]);
        c.Fdp = wide ? BitConverter.ToUInt64(image[16..]) : BitConverter.ToUInt32(image[16..]);
        for (var k = 0; k < 8; k++)
        {
            c.Fpr[(c.FpuTop + k) & 7] = new Float80(BitConverter.ToUInt64(image[(32 + (16 * k))..]), BitConverter.ToUInt16(image[(40 + (16 * k))..]));
        }

        c.Ftw = FullTags(c, image[4]);
    }

    private static void ReadSse(X86Cpu c, ReadOnlySpan<byte> image)
    {
        var count = c.Bitness == 64 ? 16 : 8;
        for (var k = 0; k < count; k++)
        {
            c.Xmm[k] = BitConverter.ToUInt64(image[(160 + (16 * k))..]) | ((UInt128)BitConverter.ToUInt64(image[(168 + (16 * k))..]) << 64);
        }
    }

    private static void ReadMxcsr(X86Cpu c, ReadOnlySpan<byte> image)
    {
        var mxcsr = BitConverter.ToUInt32(image[24..]);
        if ((mxcsr & ~0xFFFFu) != 0)
        {
            throw CpuFault.Gp();
        }

        c.Mxcsr = mxcsr;
    }

    public static void Fxsave(X86Cpu c, in Instruction i, bool wide)
    {
        var lin = c.Linear(i, LegacySize);
        Check(c, lin, 16);
        Span<byte> image = stackalloc byte[LegacySize];
        c.ReadBlock(lin, image);
        image[..288].Clear();
        WriteX87(c, image, wide);
        WriteMxcsr(c, image);
        WriteSse(c, image);
        c.WriteBlock(lin, image);
    }

    public static void Fxrstor(X86Cpu c, in Instruction i, bool wide)
    {
        var lin = c.Linear(i, LegacySize);
        Check(c, lin, 16);
        Span<byte> image = stackalloc byte[LegacySize];
        c.ReadBlock(lin, image);
        ReadMxcsr(c, image);
        ReadX87(c, image, wide);
        ReadSse(c, image);
    }

    private static ulong RequestedFeatures(X86Cpu c, ulong lin)
    {
        if ((c.Cr4Value & Cr.Cr4Osxsave) == 0)
        {
            throw CpuFault.Ud();
        }

        Check(c, lin, 64);
        return c.Xcr0 & (((c.Gpr[2] & 0xFFFF_FFFF) << 32) | (c.Gpr[0] & 0xFFFF_FFFF));
    }

    public static void Xsave(X86Cpu c, in Instruction i, bool wide)
    {
        var lin = c.Linear(i, LegacySize + 64);
        var rfbm = RequestedFeatures(c, lin);
        Span<byte> image = stackalloc byte[LegacySize + 64];
        c.ReadBlock(lin, image);
        if ((rfbm & 1) != 0)
        {
            image[..24].Clear();
            image[32..160].Clear();
            WriteX87(c, image, wide);
        }

        if ((rfbm & 2) != 0)
        {
            WriteMxcsr(c, image);
            WriteSse(c, image);
        }

        var xstate = BitConverter.ToUInt64(image[LegacySize..]);
        xstate = (xstate & ~rfbm) | (rfbm & 3);
        BitConverter.TryWriteBytes(image[LegacySize..], xstate);
        c.WriteBlock(lin, image);
    }

    public static void Xrstor(X86Cpu c, in Instruction i, bool wide)
    {
        var lin = c.Linear(i, LegacySize + 64);
        var rfbm = RequestedFeatures(c, lin);
        Span<byte> image = stackalloc byte[LegacySize + 64];
        c.ReadBlock(lin, image);
        var xstate = BitConverter.ToUInt64(image[LegacySize..]);
        var header = image[(LegacySize + 8)..];
        foreach (var b in header)
        {
            if (b != 0)
            {
                throw CpuFault.Gp();
            }
        }

        if ((xstate & ~c.Xcr0) != 0)
        {
            throw CpuFault.Gp();
        }

        if ((rfbm & 2) != 0)
        {
            ReadMxcsr(c, image);
        }

        if ((rfbm & 1) != 0)
        {
            if ((xstate & 1) != 0)
            {
                ReadX87(c, image, wide);
            }
            else
            {
                X87Init(c);
                Array.Clear(c.Fpr);
            }
        }

        if ((rfbm & 2) != 0)
        {
            if ((xstate & 2) != 0)
            {
                ReadSse(c, image);
            }
            else
            {
                Array.Clear(c.Xmm, 0, c.Bitness == 64 ? 16 : 8);
            }
        }
    }

    public static void X87Init(X86Cpu c)
    {
        c.Fcw = 0x037F;
        c.Fsw = 0;
        c.Ftw = 0xFFFF;
        c.Fop = 0;
        c.Fip = 0;
        c.Fdp = 0;
    }
}
