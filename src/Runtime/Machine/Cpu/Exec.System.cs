using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

internal static partial class Exec
{
    private static void Cpuid(X86Cpu c)
    {
        var (a, b, cx, d) = c.Cpuid((uint)c.Gpr[0], (uint)c.Gpr[1]);
        c.Gpr[0] = a;
        c.Gpr[3] = b;
        c.Gpr[1] = cx;
        c.Gpr[2] = d;
    }

    private static void Rdtsc(X86Cpu c, bool withAux)
    {
        if ((c.Cr4Value & 4) != 0 && c.CplValue != 0)
        {
            throw CpuFault.Gp();
        }

        var tsc = c.Tsc;
        c.Gpr[0] = (uint)tsc;
        c.Gpr[2] = tsc >> 32;
        if (withAux)
        {
            c.TryReadMsr(Msr.TscAux, out var aux);
            c.Gpr[1] = (uint)aux;
        }
    }

    private static void Rdmsr(X86Cpu c)
    {
        RequireCpl0(c);
        if (!c.TryReadMsr((uint)c.Gpr[1], out var value))
        {
            throw CpuFault.Gp();
        }

        c.Gpr[0] = (uint)value;
        c.Gpr[2] = value >> 32;
    }

    private static void Wrmsr(X86Cpu c)
    {
        RequireCpl0(c);
        var index = (uint)c.Gpr[1];
        var value = ((c.Gpr[2] & 0xFFFF_FFFF) << 32) | (c.Gpr[0] & 0xFFFF_FFFF);
        if (index is Msr.FsBase or Msr.GsBase or Msr.KernelGsBase or Msr.Lstar or Msr.Cstar && (ulong)((long)(value << 16) >> 16) != value)
        {
            throw CpuFault.Gp();
        }

        if (index == Msr.Efer)
        {
            const ulong allowed = Cr.EferSce | Cr.EferLme | Cr.EferLma | Cr.EferNxe;
            if ((value & ~allowed) != 0 || ((c.Cr0Value & Cr.Cr0Pg) != 0 && ((value ^ c.EferValue) & Cr.EferLme) != 0))
            {
                throw CpuFault.Gp();
            }
        }

        if (!c.TryWriteMsr(index, value))
        {
            throw CpuFault.Gp();
        }
    }

    private static void LoadTableRegister(X86Cpu c, in Instruction i)
    {
        RequireCpl0(c);
        var lin = c.Linear(i, 6);
        var limit = c.Read16(lin);
        var tableBase = c.Bitness == 64 ? c.Read64(lin + 2) : c.Read32(lin + 2);
        if (c.Bitness == 16 && i.Code == Code.Lgdt_m1632_16 || i.Code == Code.Lidt_m1632_16)
        {
            tableBase &= 0xFF_FFFF;
        }

        var value = new DescriptorTableRegister(tableBase, limit);
        if (i.Mnemonic == Mnemonic.Lgdt)
        {
            c.Gdtr = value;
        }
        else
        {
            c.Idtr = value;
        }
    }

    private static void StoreTableRegister(X86Cpu c, in Instruction i)
    {
        var value = i.Mnemonic == Mnemonic.Sgdt ? c.Gdtr : c.Idtr;
        var lin = c.Linear(i, 6);
        c.ProbeWrite(lin, c.Bitness == 64 ? 10 : 6);
        c.Write16(lin, value.Limit);
        if (c.Bitness == 64)
        {
            c.Write64(lin + 2, value.Base);
        }
        else
        {
            c.Write32(lin + 2, (uint)value.Base);
        }
    }

    private static void StoreSelector(X86Cpu c, in Instruction i, ushort value)
    {
        if (i.Op0Kind == OpKind.Register)
        {
            c.WriteReg(i.Op0Register, value);
        }
        else
        {
            c.Write16(c.Linear(i, 2), value);
        }
    }

    private static ulong ReadSystemDescriptor(X86Cpu c, ushort selector, out ulong address, out ulong upper)
    {
        if ((selector & 4) != 0)
        {
            throw CpuFault.Gp((uint)(selector & ~3));
        }

        var raw = c.ReadDescriptor(selector, out address);
        upper = 0;
        if (c.LongModeActive)
        {
            if ((ulong)(selector & ~7) + 15 > c.Gdtr.Limit)
            {
                throw CpuFault.Gp((uint)(selector & ~3));
            }

            upper = c.ReadSystem(address + 8, 8) & 0xFFFF_FFFF;
        }

        return raw;
    }

    private static void Lldt(X86Cpu c, in Instruction i)
    {
        if (!c.ProtectedMode)
        {
            throw CpuFault.Ud();
        }

        RequireCpl0(c);
        var selector = (ushort)c.ReadOp(i, 0, 2);
        if ((selector & ~3) == 0)
        {
            c.Ldtr = new SegmentCache(selector, 0, 0, 1u << 16);
            return;
        }

        var raw = ReadSystemDescriptor(c, selector, out _, out var upper);
        var cache = X86Cpu.ToCache(selector, raw, upper);
        if ((cache.Attributes & 0x1F) != 0x02)
        {
            throw CpuFault.Gp((uint)(selector & ~3));
        }

        if ((cache.Attributes & SegmentCache.PresentBit) == 0)
        {
            throw new CpuFault(CpuFault.NP, (uint)(selector & ~3));
        }

        c.Ldtr = cache;
    }

    private static void Ltr(X86Cpu c, in Instruction i)
    {
        if (!c.ProtectedMode)
        {
            throw CpuFault.Ud();
        }

        RequireCpl0(c);
        var selector = (ushort)c.ReadOp(i, 0, 2);
        if ((selector & ~3) == 0)
        {
            throw CpuFault.Gp();
        }

        var raw = ReadSystemDescriptor(c, selector, out var address, out var upper);
        var cache = X86Cpu.ToCache(selector, raw, upper);
        var type = cache.Attributes & 0x1F;
        var valid = c.LongModeActive ? type == 0x09 : type is 0x09 or 0x01;
        if (!valid)
        {
            throw CpuFault.Gp((uint)(selector & ~3));
        }

        if ((cache.Attributes & SegmentCache.PresentBit) == 0)
        {
            throw new CpuFault(CpuFault.NP, (uint)(selector & ~3));
        }

        c.WriteSystem(address + 5, 1, (byte)((raw >> 40) | 2));
        c.Tr = cache with { Attributes = cache.Attributes | 2 };
    }

    private static void Lmsw(X86Cpu c, in Instruction i)
    {
        RequireCpl0(c);
        var v = c.ReadOp(i, 0, 2) & 0xF;
        var cr0 = (c.Cr0Value & ~0xEUL) | v | (c.Cr0Value & 1);
        c.WriteControlRegister(0, cr0);
    }

    private static void Invlpg(X86Cpu c, in Instruction i)
    {
        RequireCpl0(c);
        c.InvalidatePage(c.Linear(i, 1));
    }

    private static void Swapgs(X86Cpu c)
    {
        if (c.Bitness != 64)
        {
            throw CpuFault.Ud();
        }

        RequireCpl0(c);
        (c.GsBase, c.KernelGsBase) = (c.KernelGsBase, c.GsBase);
    }

    private static void Xgetbv(X86Cpu c)
    {
        if ((c.Cr4Value & Cr.Cr4Osxsave) == 0)
        {
            throw CpuFault.Ud();
        }

        if ((uint)c.Gpr[1] != 0)
        {
            throw CpuFault.Gp();
        }

        c.Gpr[0] = (uint)c.Xcr0;
        c.Gpr[2] = c.Xcr0 >> 32;
    }

    private static void Xsetbv(X86Cpu c)
    {
        if ((c.Cr4Value & Cr.Cr4Osxsave) == 0)
        {
            throw CpuFault.Ud();
        }

        RequireCpl0(c);
        var value = ((c.Gpr[2] & 0xFFFF_FFFF) << 32) | (c.Gpr[0] & 0xFFFF_FFFF);
        if ((uint)c.Gpr[1] != 0 || (value & 1) == 0 || (value & ~3UL) != 0)
        {
            throw CpuFault.Gp();
        }

        c.Xcr0 = value;
    }
}
