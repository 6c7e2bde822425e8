using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

internal static partial class Exec
{
    private static int BranchSize(X86Cpu c, in Instruction i) =>
        i.Op0Kind == OpKind.Register ? X86Cpu.RegSize(i.Op0Register) : i.MemorySize.GetSize();

    private static void Jmp(X86Cpu c, in Instruction i)
    {
        switch (i.Op0Kind)
        {
            case OpKind.NearBranch16 or OpKind.NearBranch32 or OpKind.NearBranch64:
                c.NextRip = i.NearBranchTarget;
                return;
            case OpKind.FarBranch16 or OpKind.FarBranch32:
                c.LoadCodeSegment(i.FarBranchSelector, i.Op0Kind == OpKind.FarBranch16 ? i.FarBranch16 : i.FarBranch32, false);
                return;
        }

        if (i.IsJmpFarIndirect)
        {
            var (selector, offset) = ReadFarPointer(c, i);
            c.LoadCodeSegment(selector, offset, false);
            return;
        }

        var size = BranchSize(c, i);
        c.NextRip = c.ReadOp(i, 0, size);
    }

    private static (ushort Selector, ulong Offset) ReadFarPointer(X86Cpu c, in Instruction i)
    {
        var total = i.MemorySize.GetSize();
        var offsetSize = total - 2;
        var lin = c.Linear(i, total);
        var offset = c.ReadSized(lin, offsetSize);
        var selector = c.Read16(lin + (ulong)offsetSize);
        return (selector, offset);
    }

    private static void Call(X86Cpu c, in Instruction i)
    {
        switch (i.Op0Kind)
        {
            case OpKind.NearBranch16 or OpKind.NearBranch32 or OpKind.NearBranch64:
                c.Push(c.NextRip, -i.StackPointerIncrement);
                c.NextRip = i.NearBranchTarget;
                return;
            case OpKind.FarBranch16 or OpKind.FarBranch32:
                FarCall(c, i.FarBranchSelector, i.Op0Kind == OpKind.FarBranch16 ? i.FarBranch16 : i.FarBranch32, -i.StackPointerIncrement / 2);
                return;
        }

        if (i.IsCallFarIndirect)
        {
            var (selector, offset) = ReadFarPointer(c, i);
            FarCall(c, selector, offset, -i.StackPointerIncrement / 2);
            return;
        }

        var target = c.ReadOp(i, 0, BranchSize(c, i));
        c.Push(c.NextRip, -i.StackPointerIncrement);
        c.NextRip = target;
    }

    private static void FarCall(X86Cpu c, ushort selector, ulong offset, int size)
    {
        var savedCs = c.Seg[1];
        var savedCpl = c.CplValue;
        var returnRip = c.NextRip;
        var savedRsp = c.Gpr[4];
        c.LoadCodeSegment(selector, offset, false);
        var target = c.NextRip;
        try
        {
            c.Push(savedCs.Selector, size);
            c.Push(returnRip, size);
        }
        catch (CpuFault)
        {
            c.Seg[1] = savedCs;
            c.CplValue = savedCpl;
            c.Gpr[4] = savedRsp;
            c.UpdateMode();
            throw;
        }

        c.NextRip = target;
    }

    private static void Ret(X86Cpu c, in Instruction i)
    {
        var size = i.Op0Kind == OpKind.Immediate16 ? i.StackPointerIncrement - i.Immediate16 : i.StackPointerIncrement;
        var target = c.Pop(size);
        if (i.Op0Kind == OpKind.Immediate16)
        {
            AdjustStack(c, i.Immediate16);
        }

        c.NextRip = target;
    }

    private static void AdjustStack(X86Cpu c, ulong bytes)
    {
        var mask = c.StackMask;
        c.Gpr[4] = mask == ulong.MaxValue ? c.Gpr[4] + bytes : (c.Gpr[4] & ~mask) | ((c.Gpr[4] + bytes) & mask);
    }

    private static void RetFar(X86Cpu c, in Instruction i)
    {
        var size = c.Bitness == 64 ? (i.Code == Code.Retfq || i.Code == Code.Retfq_imm16 ? 8 : i.Code is Code.Retfw or Code.Retfw_imm16 ? 2 : 4)
            : i.Code is Code.Retfw or Code.Retfw_imm16 ? 2 : 4;
        var immediate = i.Op0Kind == OpKind.Immediate16 ? i.Immediate16 : 0UL;
        var offset = c.PeekStack(0, size);
        var selector = (ushort)c.PeekStack((ulong)size, size);
        var outer = c.ProtectedMode && (selector & 3) > c.CplValue;
        ulong newSp = 0;
        ushort newSs = 0;
        if (outer)
        {
            newSp = c.PeekStack((ulong)(2 * size) + immediate, size);
            newSs = (ushort)c.PeekStack((ulong)(3 * size) + immediate, size);
        }

        var savedCs = c.Seg[1];
        var savedCpl = c.CplValue;
        c.LoadCodeSegment(selector, offset, true);
        if (outer)
        {
            try
            {
                if (c.Bitness == 64 && (newSs & ~3) == 0 && c.CplValue < 3)
                {
                    c.Seg[2] = new SegmentCache(newSs, 0, 0, 1u << 16);
                }
                else
                {
                    c.LoadSegment(SegmentRegister.Ss, newSs);
                }
            }
            catch (CpuFault)
            {
                c.Seg[1] = savedCs;
                c.CplValue = savedCpl;
                c.UpdateMode();
                throw;
            }

            c.Gpr[4] = size == 8 ? newSp : size == 4 ? (uint)newSp : (c.Gpr[4] & ~0xFFFFUL) | (ushort)newSp;
            AdjustStack(c, immediate);
            c.NullInaccessibleSegments();
        }
        else
        {
            AdjustStack(c, (ulong)(2 * size) + immediate);
        }
    }

    private static Register CounterRegister(X86Cpu c) => c.AddressMask switch
    {
        0xFFFF => Register.CX,
        0xFFFF_FFFF => Register.ECX,
        _ => Register.RCX,
    };

    private static void Loop(X86Cpu c, in Instruction i)
    {
        var reg = CounterRegister(c);
        var count = (c.ReadReg(reg) - 1) & c.AddressMask;
        c.WriteReg(reg, count);
        var take = count != 0 && i.Mnemonic switch
        {
            Mnemonic.Loope => c.ZeroFlag(),
            Mnemonic.Loopne => !c.ZeroFlag(),
            _ => true,
        };
        if (take)
        {
            c.NextRip = i.NearBranchTarget;
        }
    }

    private static void JumpIfCountZero(X86Cpu c, in Instruction i)
    {
        var reg = i.Mnemonic switch { Mnemonic.Jcxz => Register.CX, Mnemonic.Jecxz => Register.ECX, _ => Register.RCX };
        if (c.ReadReg(reg) == 0)
        {
            c.NextRip = i.NearBranchTarget;
        }
    }

    private static void SoftwareInterrupt(X86Cpu c, byte vector, bool checkDpl)
    {
        if (c.InterruptHook is { } hook && hook(c, vector))
        {
            return;
        }

        c.DeliverInterrupt(vector, null, checkDpl, c.NextRip, false);
    }

    private static void Syscall(X86Cpu c)
    {
        if ((c.EferValue & Cr.EferSce) == 0 || !c.LongModeActive)
        {
            throw CpuFault.Ud();
        }

        if (c.SyscallHook is { } hook && hook(c))
        {
            return;
        }

        c.Gpr[1] = c.NextRip;
        var flags = c.ReadFlags();
        c.Gpr[11] = flags & ~Cr.FlagRf;
        var selector = (ushort)((c.Star >> 32) & 0xFFFC);
        c.Seg[1] = SegmentCache.Code64(selector) with { Attributes = SegmentCache.Code64(selector).Attributes | 1 };
        c.Seg[2] = SegmentCache.FlatData((ushort)(selector + 8)) with { Attributes = SegmentCache.FlatData(0).Attributes | 1 };
        var wasCompat = c.Bitness != 64;
        c.CplValue = 0;
        c.UpdateMode();
        c.WriteFlagsRaw(flags & ~c.Fmask & ~Cr.FlagRf);
        c.NextRip = wasCompat ? c.Cstar : c.Lstar;
        c.FlushDecodeCache();
    }

    private static void Sysret(X86Cpu c, in Instruction i)
    {
        if ((c.EferValue & Cr.EferSce) == 0 || !c.LongModeActive || c.Bitness != 64)
        {
            throw CpuFault.Ud();
        }

        RequireCpl0(c);
        var to64 = i.Code == Code.Sysretq;
        var selectorBase = (ushort)((c.Star >> 48) & 0xFFFF);
        if (to64 && (ulong)((long)(c.Gpr[1] << 16) >> 16) != c.Gpr[1])
        {
            throw CpuFault.Gp();
        }

        var dpl3 = 3u << 5;
        if (to64)
        {
            var cs = (ushort)((selectorBase + 16) | 3);
            c.Seg[1] = new SegmentCache(cs, 0, 0xFFFF_FFFF, 0xB | 0x10 | dpl3 | SegmentCache.PresentBit | SegmentCache.LongBit | SegmentCache.GranularityBit);
            c.NextRip = c.Gpr[1];
        }
        else
        {
            var cs = (ushort)(selectorBase | 3);
            c.Seg[1] = new SegmentCache(cs, 0, 0xFFFF_FFFF, 0xB | 0x10 | dpl3 | SegmentCache.PresentBit | SegmentCache.DefaultBigBit | SegmentCache.GranularityBit);
            c.NextRip = (uint)c.Gpr[1];
        }

        c.Seg[2] = new SegmentCache((ushort)((selectorBase + 8) | 3), 0, 0xFFFF_FFFF, 0x3 | 0x10 | dpl3 | SegmentCache.PresentBit | SegmentCache.DefaultBigBit | SegmentCache.GranularityBit);
        c.WriteFlagsRaw((c.Gpr[11] & 0x3C_7FD7) | 2);
        c.CplValue = 3;
        c.UpdateMode();
        c.FlushDecodeCache();
    }

    private static void Sysenter(X86Cpu c)
    {
        c.TryReadMsr(Msr.SysenterCs, out var csMsr);
        if (!c.ProtectedMode || (csMsr & 0xFFFC) == 0)
        {
            throw CpuFault.Gp();
        }

        c.TryReadMsr(Msr.SysenterEsp, out var esp);
        c.TryReadMsr(Msr.SysenterEip, out var eip);
        var selector = (ushort)(csMsr & 0xFFFC);
        c.WriteFlagsRaw(c.ReadFlags() & ~(Cr.FlagVm | Cr.FlagIf | Cr.FlagRf));
        c.Seg[1] = c.LongModeActive ? SegmentCache.Code64(selector) : SegmentCache.FlatCode32(selector);
        c.Seg[2] = SegmentCache.FlatData((ushort)(selector + 8));
        c.CplValue = 0;
        c.UpdateMode();
        c.Gpr[4] = c.Bitness == 64 ? esp : (uint)esp;
        c.NextRip = c.Bitness == 64 ? eip : (uint)eip;
        c.FlushDecodeCache();
    }

    private static void Sysexit(X86Cpu c, in Instruction i)
    {
        c.TryReadMsr(Msr.SysenterCs, out var csMsr);
        if (!c.ProtectedMode || (csMsr & 0xFFFC) == 0)
        {
            throw CpuFault.Gp();
        }

        RequireCpl0(c);
        var to64 = i.Code == Code.Sysexitq;
        var dpl3 = 3u << 5;
        var cs = (ushort)((csMsr + (to64 ? 32UL : 16UL)) | 3);
        c.Seg[1] = to64
            ? new SegmentCache(cs, 0, 0xFFFF_FFFF, 0xB | 0x10 | dpl3 | SegmentCache.PresentBit | SegmentCache.LongBit | SegmentCache.GranularityBit)
            : new SegmentCache(cs, 0, 0xFFFF_FFFF, 0xB | 0x10 | dpl3 | SegmentCache.PresentBit | SegmentCache.DefaultBigBit | SegmentCache.GranularityBit);
        c.Seg[2] = new SegmentCache((ushort)((csMsr + (to64 ? 40UL : 24UL)) | 3), 0, 0xFFFF_FFFF, 0x3 | 0x10 | dpl3 | SegmentCache.PresentBit | SegmentCache.DefaultBigBit | SegmentCache.GranularityBit);
        c.CplValue = 3;
        c.UpdateMode();
        c.Gpr[4] = to64 ? c.Gpr[2] : (uint)c.Gpr[2];
        c.NextRip = to64 ? c.Gpr[1] : (uint)c.Gpr[1];
        c.FlushDecodeCache();
    }

    private static void Hlt(X86Cpu c)
    {
        RequireCpl0(c);
        if (c.HaltHook is { } hook && hook(c))
        {
            return;
        }

        c.EnterHalt();
    }

    private static int Iopl(X86Cpu c) => (int)((c.FlagsRaw >> 12) & 3);

    private static void Cli(X86Cpu c)
    {
        if (c.ProtectedMode && c.CplValue > Iopl(c))
        {
            throw CpuFault.Gp();
        }

        c.FlagsRaw &= ~Cr.FlagIf;
        c.RecomputeEvents();
    }

    private static void Sti(X86Cpu c)
    {
        if (c.ProtectedMode && c.CplValue > Iopl(c))
        {
            throw CpuFault.Gp();
        }

        if ((c.FlagsRaw & Cr.FlagIf) == 0)
        {
            c.FlagsRaw |= Cr.FlagIf;
            c.SetInterruptShadow();
        }
    }
}
