namespace KjTest.Runtime.Machine.Cpu;

public sealed partial class X86Cpu
{
    /// <summary>
    /// Delivers vector <paramref name="vector"/> through the IVT or IDT, pushing the frame on the
    /// (possibly switched) stack. On failure the CPU state is left as before and the new fault is thrown.
    /// </summary>
    internal void DeliverInterrupt(int vector, uint? errorCode, bool software, ulong returnRip, bool external)
    {
        var savedCs = Seg[1];
        var savedSs = Seg[2];
        var savedRsp = Gpr[4];
        var savedCpl = CplValue;
        var savedFlags = ReadFlags();
        try
        {
            if (!ProtectedMode)
            {
                DeliverReal(vector, returnRip);
            }
            else if (LongModeActive)
            {
                DeliverLong(vector, errorCode, software, returnRip, external);
            }
            else
            {
                DeliverProtected(vector, errorCode, software, returnRip, external);
            }

            _halted = false;
            FlushDecodeCache();
        }
        catch (CpuFault)
        {
            Seg[1] = savedCs;
            Seg[2] = savedSs;
            Gpr[4] = savedRsp;
            CplValue = savedCpl;
            WriteFlagsRaw(savedFlags);
            UpdateMode();
            throw;
        }
    }

    private void DeliverReal(int vector, ulong returnRip)
    {
        var entry = Idtr.Base + ((ulong)vector * 4);
        if ((ulong)vector * 4 + 3 > Idtr.Limit)
        {
            throw CpuFault.Gp();
        }

        var ip = (ushort)ReadSystem(entry, 2);
        var cs = (ushort)ReadSystem(entry + 2, 2);
        Push(ReadFlags(), 2);
        Push(Seg[1].Selector, 2);
        Push(returnRip, 2);
        FlagsRaw &= ~(Cr.FlagIf | Cr.FlagTf | Cr.FlagAc);
        Seg[1] = Seg[1] with { Selector = cs, Base = (ulong)cs << 4 };
        RipValue = ip;
        NextRip = ip;
        UpdateMode();
        RecomputeEvents();
    }

    private (ulong Low, ulong High, ulong Offset, ushort Selector, bool InterruptGate, int Size) ReadGate(int vector, bool software, bool external, bool longMode)
    {
        var ext = external ? 1u : 0u;
        var idtError = ((uint)vector * 8) + 2 + ext;
        var entrySize = longMode ? 16 : 8;
        if ((ulong)(vector * entrySize) + (ulong)entrySize - 1 > Idtr.Limit)
        {
            throw CpuFault.Gp(idtError);
        }

        var low = ReadSystem(Idtr.Base + (ulong)(vector * entrySize), 8);
        var high = longMode ? ReadSystem(Idtr.Base + (ulong)(vector * entrySize) + 8, 8) : 0;
        var type = (int)((low >> 40) & 0x1F);
        var valid = longMode ? type is 0x0E or 0x0F : type is 0x06 or 0x07 or 0x0E or 0x0F;
        if (!valid)
        {
            throw CpuFault.Gp(idtError);
        }

        var dpl = (int)((low >> 45) & 3);
        if (software && dpl < CplValue)
        {
            throw CpuFault.Gp(idtError);
        }

        if (((low >> 47) & 1) == 0)
        {
            throw new CpuFault(CpuFault.NP, idtError);
        }

        var offset = (low & 0xFFFF) | ((low >> 32) & 0xFFFF_0000) | (high << 32);
        var size = longMode ? 8 : (type & 8) != 0 ? 4 : 2;
        if (size == 2)
        {
            offset &= 0xFFFF;
        }

        return (low, high, offset, (ushort)(low >> 16), (type & 1) == 0, size);
    }

    private SegmentCache ReadHandlerCode(ushort selector, bool external, out int newCpl)
    {
        var ext = external ? 1u : 0u;
        if ((selector & ~3) == 0)
        {
            throw CpuFault.Gp(ext);
        }

        var raw = ReadDescriptor(selector, out _);
        var cache = ToCache(selector, raw);
        var type = cache.Attributes & 0x1F;
        if ((type & 0x18) != 0x18 || cache.Dpl > CplValue)
        {
            throw CpuFault.Gp((uint)(selector & ~3) + ext);
        }

        if ((cache.Attributes & SegmentCache.PresentBit) == 0)
        {
            throw new CpuFault(CpuFault.NP, (uint)(selector & ~3) + ext);
        }

        newCpl = (type & 4) != 0 ? CplValue : cache.Dpl;
        return cache with { Selector = (ushort)((selector & ~3) | newCpl) };
    }

    private void DeliverLong(int vector, uint? errorCode, bool software, ulong returnRip, bool external)
    {
        var gate = ReadGate(vector, software, external, true);
        var code = ReadHandlerCode(gate.Selector, external, out var newCpl);
        if ((code.Attributes & SegmentCache.LongBit) == 0 || (code.Attributes & SegmentCache.DefaultBigBit) != 0)
        {
            throw CpuFault.Gp((uint)(gate.Selector & ~3) + (external ? 1u : 0u));
        }

        var ist = (int)((gate.Low >> 32) & 7);
        var rsp = Gpr[4];
        if (ist != 0)
        {
            rsp = ReadSystem(Tr.Base + 0x24 + ((ulong)(ist - 1) * 8), 8);
        }
        else if (newCpl < CplValue)
        {
            rsp = ReadSystem(Tr.Base + 4 + ((ulong)newCpl * 8), 8);
        }

        rsp &= ~0xFUL;
        var oldSs = Seg[2].Selector;
        var oldRsp = Gpr[4];
        var flags = ReadFlags();
        var oldCs = Seg[1].Selector;
        var frame = new ulong[] { oldSs, oldRsp, flags, oldCs, returnRip };
        var previousCpl = CplValue;
        CplValue = newCpl;
        UpdateMode();
        foreach (var value in frame)
        {
            rsp -= 8;
            WriteSystem(rsp, 8, value);
        }

        if (errorCode is { } error)
        {
            rsp -= 8;
            WriteSystem(rsp, 8, error);
        }

        if (newCpl != previousCpl)
        {
            Seg[2] = new SegmentCache((ushort)newCpl, 0, 0, 1u << 16);
        }

        Seg[1] = code;
        UpdateMode();
        Gpr[4] = rsp;
        RipValue = gate.Offset;
        NextRip = gate.Offset;
        FlagsRaw &= ~(Cr.FlagTf | Cr.FlagNt | Cr.FlagRf | Cr.FlagVm | (gate.InterruptGate ? Cr.FlagIf : 0));
        RecomputeEvents();
    }

    private void DeliverProtected(int vector, uint? errorCode, bool software, ulong returnRip, bool external)
    {
        var gate = ReadGate(vector, software, external, false);
        var code = ReadHandlerCode(gate.Selector, external, out var newCpl);
        var flags = ReadFlags();
        var oldSs = Seg[2];
        var oldEsp = Gpr[4];
        var oldCs = Seg[1].Selector;
        if (newCpl < CplValue)
        {
            var ssOffset = (ulong)(8 + (newCpl * 8));
            var newEsp = ReadSystem(Tr.Base + 4 + ((ulong)newCpl * 8), 4);
            var newSsSelector = (ushort)ReadSystem(Tr.Base + ssOffset, 2);
            if ((newSsSelector & ~3) == 0)
            {
                throw new CpuFault(CpuFault.TS, external ? 1u : 0u);
            }

            var raw = ReadDescriptor(newSsSelector, out _);
            var ss = ToCache(newSsSelector, raw);
            if ((newSsSelector & 3) != newCpl || ss.Dpl != newCpl || ((ss.Attributes & 0x1A) != 0x12))
            {
                throw new CpuFault(CpuFault.TS, (uint)(newSsSelector & ~3));
            }

            CplValue = newCpl;
            Seg[2] = ss;
            Gpr[4] = newEsp;
            UpdateMode();
            Push(oldSs.Selector, gate.Size);
            Push(oldEsp, gate.Size);
        }

        CplValue = newCpl;
        UpdateMode();
        Push(flags, gate.Size);
        Push(oldCs, gate.Size);
        Push(returnRip, gate.Size);
        if (errorCode is { } error)
        {
            Push(error, gate.Size);
        }

        Seg[1] = code;
        UpdateMode();
        RipValue = gate.Offset;
        NextRip = gate.Offset;
        FlagsRaw &= ~(Cr.FlagTf | Cr.FlagNt | Cr.FlagRf | Cr.FlagVm | (gate.InterruptGate ? Cr.FlagIf : 0));
        RecomputeEvents();
    }

    /// <summary>IRET / IRETD / IRETQ with operand size <paramref name="size"/>.</summary>
    internal void InterruptReturn(int size)
    {
        if (!ProtectedMode)
        {
            var ip = Pop(size);
            var cs = (ushort)Pop(size);
            var fl = Pop(size);
            Seg[1] = Seg[1] with { Selector = cs, Base = (ulong)cs << 4 };
            NextRip = ip;
            WriteFlagsMasked(fl, size, true);
            UpdateMode();
            FlushDecodeCache();
            UnblockNmi();
            return;
        }

        if ((FlagsRaw & Cr.FlagNt) != 0 && !LongModeActive)
        {
            throw CpuFault.Gp();
        }

        var newRip = PeekStack(0, size);
        var newCs = (ushort)PeekStack((ulong)size, size);
        var newFlags = PeekStack((ulong)size * 2, size);
        var rpl = newCs & 3;
        var outer = rpl > CplValue;
        var popsStack = Bitness == 64 || outer;
        ulong newSp = 0;
        ushort newSs = 0;
        if (popsStack)
        {
            newSp = PeekStack((ulong)size * 3, size);
            newSs = (ushort)PeekStack((ulong)size * 4, size);
        }

        var oldCpl = CplValue;
        var oldBitness = Bitness;
        var savedCs = Seg[1];
        try
        {
            LoadCodeSegment(newCs, newRip, true);
        }
        catch (CpuFault)
        {
            Seg[1] = savedCs;
            CplValue = oldCpl;
            UpdateMode();
            throw;
        }

        var cpl = CplValue;
        CplValue = oldCpl;
        WriteFlagsMasked(newFlags, size, false);
        CplValue = cpl;
        if (popsStack)
        {
            if (Bitness == 64 && (newSs & ~3) == 0 && cpl < 3)
            {
                Seg[2] = new SegmentCache(newSs, 0, 0, 1u << 16);
            }
            else
            {
                LoadSegment(SegmentRegister.Ss, newSs);
            }

            Gpr[4] = size == 2 ? (Gpr[4] & ~0xFFFFUL) | (ushort)newSp : size == 4 && oldBitness != 64 ? (uint)newSp : newSp;
        }
        else
        {
            var mask = StackMask;
            Gpr[4] = (Gpr[4] & ~mask) | ((Gpr[4] + ((ulong)size * 3)) & mask);
        }

        if (outer)
        {
            NullInaccessibleSegments();
        }

        UpdateMode();
        UnblockNmi();
    }

    /// <summary>Writes RFLAGS as POPF/IRET do: IOPL only at CPL 0, IF only when CPL ≤ IOPL; VM and RF stay clear.</summary>
    internal void WriteFlagsMasked(ulong value, int size, bool realMode)
    {
        var current = ReadFlags();
        var writable = 0x25_4DD5UL | Cr.FlagIf | Cr.FlagIopl;
        if (!realMode && ProtectedMode)
        {
            var iopl = (int)((current >> 12) & 3);
            if (CplValue != 0)
            {
                writable &= ~Cr.FlagIopl;
            }

            if (CplValue > iopl)
            {
                writable &= ~Cr.FlagIf;
            }
        }

        if (size == 2)
        {
            writable &= 0xFFFF;
        }

        WriteFlagsRaw((current & ~writable) | (value & writable));
    }
}
