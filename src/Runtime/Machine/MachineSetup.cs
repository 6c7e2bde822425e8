using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Machine;

/// <summary>
/// Puts a machine directly into a ready-to-run environment, as a boot loader would have left it.
/// GDT selectors follow Linux: 0x08 kernel code, 0x10 kernel data, 0x18 user code (32-bit),
/// 0x20 user data, 0x28 user code (64-bit), 0x30 TSS.
/// </summary>
public static class MachineSetup
{
    /// <summary>Kernel code selector.</summary>
    public const ushort KernelCode = 0x08;

    /// <summary>Kernel data selector.</summary>
    public const ushort KernelData = 0x10;

    /// <summary>TSS selector.</summary>
    public const ushort TssSelector = 0x30;

    private const ulong SystemAreaSize = 0x10000;
    private const ulong StackSize = 0x10000;

    /// <summary>
    /// 64-bit long mode at CPL 0 with RAM (and the first 4 GiB) identity-mapped by 1 GiB pages,
    /// SSE enabled, SYSCALL enabled, a TSS, no IDT. The structures and stack go at the top of RAM
    /// unless <paramref name="systemArea"/> is given (64 KiB of tables plus 64 KiB of stack below it).
    /// </summary>
    public static SystemLayout LongMode(X86Machine machine, ulong entry, ulong? systemArea = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var cpu = machine.Cpu;
        var mem = machine.Memory;
        var area = systemArea ?? (mem.Size - SystemAreaSize);
        var gdt = area;
        var tss = area + 0x100;
        var pml4 = area + 0x1000;
        var pdpt = area + 0x2000;
        var stackTop = area;

        mem.Write(gdt, new byte[0x1000]);
        WriteDescriptor(mem, gdt, KernelCode, 0x00AF_9A00_0000_FFFF);
        WriteDescriptor(mem, gdt, KernelData, 0x00CF_9200_0000_FFFF);
        WriteDescriptor(mem, gdt, 0x18, 0x00CF_FA00_0000_FFFF);
        WriteDescriptor(mem, gdt, 0x20, 0x00CF_F200_0000_FFFF);
        WriteDescriptor(mem, gdt, 0x28, 0x00AF_FA00_0000_FFFF);
        WriteDescriptor(mem, gdt, TssSelector, TssDescriptor(tss, 0x67, busy: true));
        mem.WriteUInt64(gdt + TssSelector + 8, tss >> 32);
        mem.WriteUInt64(tss + 4, stackTop);

        var gigabytes = Math.Min(512UL, Math.Max(4UL, (mem.Size + (1UL << 30) - 1) >> 30));
        mem.Write(pml4, new byte[0x2000]);
        mem.WriteUInt64(pml4, pdpt | 0x7);
        for (ulong g = 0; g < gigabytes; g++)
        {
            mem.WriteUInt64(pdpt + (g * 8), (g << 30) | 0x87);
        }

        cpu.Reset();
        cpu.Gdtr = new DescriptorTableRegister(gdt, 0x3F);
        cpu.Idtr = new DescriptorTableRegister(0, 0);
        cpu.Tr = new SegmentCache(TssSelector, tss, 0x67, 0x8B);
        cpu.Ldtr = new SegmentCache(0, 0, 0, 1u << 16);
        cpu.Cr4 = Cr.Cr4Pae | Cr.Cr4Osfxsr | Cr.Cr4Osxmmexcpt | Cr.Cr4Osxsave;
        cpu.Cr3 = pml4;
        cpu.Efer = Cr.EferSce | Cr.EferLme | Cr.EferLma | Cr.EferNxe;
        cpu.Cr0 = Cr.Cr0Pe | Cr.Cr0Mp | Cr.Cr0Et | Cr.Cr0Ne | Cr.Cr0Wp | Cr.Cr0Pg;
        cpu.Xcr0 = 3;
        cpu.SetSegment(SegmentRegister.Cs, SegmentCache.Code64(KernelCode) with { Attributes = SegmentCache.Code64(0).Attributes | 1 });
        foreach (var s in (ReadOnlySpan<SegmentRegister>)[SegmentRegister.Ds, SegmentRegister.Es, SegmentRegister.Ss])
        {
            cpu.SetSegment(s, SegmentCache.FlatData(KernelData) with { Attributes = SegmentCache.FlatData(0).Attributes | 1 });
        }

        cpu.SetSegment(SegmentRegister.Fs, new SegmentCache(0, 0, 0, 1u << 16));
        cpu.SetSegment(SegmentRegister.Gs, new SegmentCache(0, 0, 0, 1u << 16));
        cpu.Star = ((ulong)0x18 << 48) | ((ulong)KernelCode << 32);
        cpu.Rflags = 2;
        cpu.SetGpr(4, stackTop);
        cpu.Rip = entry;
        return new SystemLayout(area, gdt, tss, pml4, stackTop);
    }

    /// <summary>
    /// Flat 32-bit protected mode at CPL 0, paging off, SSE enabled, a flat GDT and a TSS, no IDT.
    /// The structures go at the top of RAM (below 4 GiB) unless <paramref name="systemArea"/> is given.
    /// </summary>
    public static SystemLayout ProtectedMode32(X86Machine machine, ulong entry, ulong? systemArea = null)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var cpu = machine.Cpu;
        var mem = machine.Memory;
        var area = systemArea ?? (Math.Min(mem.Size, 0xC000_0000UL) - SystemAreaSize);
        var gdt = area;
        var tss = area + 0x100;
        var stackTop = area;

        mem.Write(gdt, new byte[0x1000]);
        WriteDescriptor(mem, gdt, KernelCode, 0x00CF_9A00_0000_FFFF);
        WriteDescriptor(mem, gdt, KernelData, 0x00CF_9200_0000_FFFF);
        WriteDescriptor(mem, gdt, 0x18, 0x00CF_FA00_0000_FFFF);
        WriteDescriptor(mem, gdt, 0x20, 0x00CF_F200_0000_FFFF);
        WriteDescriptor(mem, gdt, TssSelector, TssDescriptor(tss, 0x67, busy: true));
        mem.WriteUInt32(tss + 4, (uint)stackTop);
        mem.WriteUInt32(tss + 8, KernelData);

        cpu.Reset();
        cpu.Gdtr = new DescriptorTableRegister(gdt, 0x37);
        cpu.Idtr = new DescriptorTableRegister(0, 0);
        cpu.Tr = new SegmentCache(TssSelector, tss, 0x67, 0x8B);
        cpu.Ldtr = new SegmentCache(0, 0, 0, 1u << 16);
        cpu.Cr4 = Cr.Cr4Osfxsr | Cr.Cr4Osxmmexcpt | Cr.Cr4Osxsave;
        cpu.Cr0 = Cr.Cr0Pe | Cr.Cr0Mp | Cr.Cr0Et | Cr.Cr0Ne;
        cpu.Xcr0 = 3;
        cpu.SetSegment(SegmentRegister.Cs, SegmentCache.FlatCode32(KernelCode) with { Attributes = SegmentCache.FlatCode32(0).Attributes | 1 });
        foreach (var s in (ReadOnlySpan<SegmentRegister>)[SegmentRegister.Ds, SegmentRegister.Es, SegmentRegister.Ss, SegmentRegister.Fs, SegmentRegister.Gs])
        {
            cpu.SetSegment(s, SegmentCache.FlatData(KernelData) with { Attributes = SegmentCache.FlatData(0).Attributes | 1 });
        }

        cpu.Rflags = 2;
        cpu.SetGpr(4, stackTop);
        cpu.Rip = entry;
        return new SystemLayout(area, gdt, tss, 0, stackTop);
    }

    private static void WriteDescriptor(Memory.PhysicalMemory mem, ulong gdt, ushort selector, ulong descriptor) =>
        mem.WriteUInt64(gdt + selector, descriptor);

    private static ulong TssDescriptor(ulong tssBase, uint limit, bool busy) =>
        (limit & 0xFFFF) | ((tssBase & 0xFF_FFFF) << 16) | ((ulong)(busy ? 0x8B : 0x89) << 40)
        | ((ulong)((limit >> 16) & 0xF) << 48) | (((tssBase >> 24) & 0xFF) << 56);
}
