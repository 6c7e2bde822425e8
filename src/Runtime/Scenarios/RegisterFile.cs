using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Scenarios;

/// <summary>Reads and writes the CPU's registers by the names of the scenario vocabulary (Dsl.Vocabulary.Registers).</summary>
public static class RegisterFile
{
    private static readonly string[] Gprs = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];
    private static readonly string[] Gprs32 = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];
    private static readonly string[] Segments = ["es", "cs", "ss", "ds", "fs", "gs"];

    /// <summary>The register's value, or false when the machine has no such register.</summary>
    public static bool TryGet(X86Cpu cpu, string name, out UInt128 value)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(name);
        value = 0;
        var key = name.ToLowerInvariant();
        var gpr = Array.IndexOf(Gprs, key);
        if (gpr >= 0)
        {
            value = cpu.GetGpr(gpr);
            return true;
        }

        gpr = Array.IndexOf(Gprs32, key);
        if (gpr >= 0)
        {
            value = (uint)cpu.GetGpr(gpr);
            return true;
        }

        if (SegmentPart(key) is { } seg)
        {
            var cache = seg.Index switch
            {
                6 => cpu.Ldtr,
                7 => cpu.Tr,
                _ => cpu.GetSegment((SegmentRegister)seg.Index),
            };
            value = seg.Part switch
            {
                "base" => cache.Base,
                "limit" => cache.Limit,
                "attr" => cache.Attributes,
                _ => cache.Selector,
            };
            return true;
        }

        if (key.StartsWith("msr.", StringComparison.Ordinal))
        {
            var info = Dsl.Vocabulary.Registers.Find(key);
            if (info?.MsrIndex is { } index && cpu.TryReadMsr(index, out var msr))
            {
                value = msr;
                return true;
            }

            return false;
        }

        if (key.Length == 3 && key.StartsWith("st", StringComparison.Ordinal) && char.IsAsciiDigit(key[2]))
        {
            var f = cpu.GetSt(key[2] - '0');
            value = ((UInt128)f.SignExponent << 64) | f.Significand;
            return true;
        }

        if (key.StartsWith("xmm", StringComparison.Ordinal) && int.TryParse(key.AsSpan(3), out var xmm) && xmm is >= 0 and < 16)
        {
            value = cpu.GetXmm(xmm);
            return true;
        }

        if (key.Length == 3 && key.StartsWith("dr", StringComparison.Ordinal) && char.IsAsciiDigit(key[2]))
        {
            value = cpu.GetDr(key[2] - '0');
            return true;
        }

        ulong? simple = key switch
        {
            "rip" => cpu.Rip,
            "eip" => (uint)cpu.Rip,
            "rflags" => cpu.Rflags,
            "eflags" => (uint)cpu.Rflags,
            "gdtr.base" => cpu.Gdtr.Base,
            "gdtr.limit" => cpu.Gdtr.Limit,
            "idtr.base" => cpu.Idtr.Base,
            "idtr.limit" => cpu.Idtr.Limit,
            "cr0" => cpu.Cr0,
            "cr2" => cpu.Cr2,
            "cr3" => cpu.Cr3,
            "cr4" => cpu.Cr4,
            "cr8" => cpu.Cr8,
            "xcr0" => cpu.Xcr0,
            "fcw" => cpu.Fcw,
            "fsw" => cpu.Fsw,
            "ftw" => cpu.Ftw,
            "fop" => cpu.Fop,
            "fip" => cpu.Fip,
            "fdp" => cpu.Fdp,
            "mxcsr" => cpu.Mxcsr,
            _ => null,
        };
        if (simple is { } v)
        {
            value = v;
            return true;
        }

        return false;
    }

    /// <summary>Sets the register; false when the machine has no such register.</summary>
    public static bool TrySet(X86Cpu cpu, string name, UInt128 value)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(name);
        var key = name.ToLowerInvariant();
        var v = (ulong)value;
        var gpr = Array.IndexOf(Gprs, key);
        if (gpr < 0)
        {
            gpr = Array.IndexOf(Gprs32, key);
        }

        if (gpr >= 0)
        {
            cpu.SetGpr(gpr, v);
            return true;
        }

        if (SegmentPart(key) is { } seg)
        {
            var cache = seg.Index switch
            {
                6 => cpu.Ldtr,
                7 => cpu.Tr,
                _ => cpu.GetSegment((SegmentRegister)seg.Index),
            };
            cache = seg.Part switch
            {
                "base" => cache with { Base = v },
                "limit" => cache with { Limit = (uint)v },
                "attr" => cache with { Attributes = (uint)v },
                _ => cache with { Selector = (ushort)v },
            };
            switch (seg.Index)
            {
                case 6: cpu.Ldtr = cache; break;
                case 7: cpu.Tr = cache; break;
                default: cpu.SetSegment((SegmentRegister)seg.Index, cache); break;
            }

            return true;
        }

        if (key.StartsWith("msr.", StringComparison.Ordinal))
        {
            var info = Dsl.Vocabulary.Registers.Find(key);
            return info?.MsrIndex is { } index && cpu.TryWriteMsr(index, v);
        }

        if (key.Length == 3 && key.StartsWith("st", StringComparison.Ordinal) && char.IsAsciiDigit(key[2]))
        {
            cpu.SetFpuRegister(((cpu.Fsw >> 11) + key[2] - '0') & 7, new Float80((ulong)value, (ushort)(value >> 64)));
            return true;
        }

        if (key.StartsWith("xmm", StringComparison.Ordinal) && int.TryParse(key.AsSpan(3), out var xmm) && xmm is >= 0 and < 16)
        {
            cpu.SetXmm(xmm, value);
            return true;
        }

        if (key.Length == 3 && key.StartsWith("dr", StringComparison.Ordinal) && char.IsAsciiDigit(key[2]))
        {
            cpu.SetDr(key[2] - '0', v);
            return true;
        }

        switch (key)
        {
            case "rip" or "eip": cpu.Rip = v; return true;
            case "rflags" or "eflags": cpu.Rflags = v; return true;
            case "gdtr.base": cpu.Gdtr = cpu.Gdtr with { Base = v }; return true;
            case "gdtr.limit": cpu.Gdtr = cpu.Gdtr with { Limit = (ushort)v }; return true;
            case "idtr.base": cpu.Idtr = cpu.Idtr with { Base = v }; return true;
            case "idtr.limit": cpu.Idtr = cpu.Idtr with { Limit = (ushort)v }; return true;
            case "cr0": cpu.Cr0 = v; return true;
            case "cr2": cpu.Cr2 = v; return true;
            case "cr3": cpu.Cr3 = v; return true;
            case "cr4": cpu.Cr4 = v; return true;
            case "cr8": cpu.Cr8 = v; return true;
            case "xcr0": cpu.Xcr0 = v; return true;
            case "fcw": cpu.Fcw = (ushort)v; return true;
            case "fsw": cpu.Fsw = (ushort)v; return true;
            case "ftw": cpu.Ftw = (ushort)v; return true;
            case "fop": cpu.Fop = (ushort)v; return true;
            case "fip": cpu.Fip = v; return true;
            case "fdp": cpu.Fdp = v; return true;
            case "mxcsr": cpu.Mxcsr = (uint)v; return true;
            default: return false;
        }
    }

    private static (int Index, string Part)? SegmentPart(string key)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        var head = dot < 0 ? key : key[..dot];
        var part = dot < 0 ? "" : key[(dot + 1)..];
        var index = head switch
        {
            "ldtr" => 6,
            "tr" => 7,
            _ => Array.IndexOf(Segments, head),
        };
        return index < 0 || part is not ("" or "base" or "limit" or "attr") ? null : (index, part);
    }
}
