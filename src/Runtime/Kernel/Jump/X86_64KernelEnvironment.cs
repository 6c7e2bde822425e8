using Iced.Intel;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>
/// Kernel A on x86-64, modelled rather than booted, with a real CPU state: in 16 pages A owns (a reserved range of its
/// RAM) its page tables (identity map of RAM and the direct map at <see cref="PageOffset"/>), Linux's GDT layout, an IDT
/// whose handlers are sentinel addresses, a TSS, <c>saved_context</c>, an FPU save area, a 32 KiB kernel stack and a
/// kernel text page holding the tail of <c>machine_kexec</c> and <c>restore_processor_state</c> as guest code.
/// </summary>
public sealed class X86_64KernelEnvironment : KernelEnvironment
{
    /// <summary>Linux's x86-64 direct map base (PAGE_OFFSET without KASLR).</summary>
    public const ulong PageOffset = 0xFFFF_8880_0000_0000;

    /// <summary>__KERNEL32_CS.</summary>
    public const ushort Kernel32Cs = 0x08;

    /// <summary>__KERNEL_CS.</summary>
    public const ushort KernelCs = 0x10;

    /// <summary>__KERNEL_DS.</summary>
    public const ushort KernelDs = 0x18;

    /// <summary>__USER_DS.</summary>
    public const ushort UserDs = 0x2B;

    /// <summary>GDT_ENTRY_TSS selector.</summary>
    public const ushort TssSelector = 0x40;

    /// <summary>Bytes of A's area.</summary>
    public const ulong AreaSize = 0x10000;

    private X86_64KernelEnvironment(ulong areaBase, ulong ramSize)
        : base(areaBase, PageOffset)
    {
        Size = SizeFor(ramSize);
    }

    /// <inheritdoc />
    public override ulong Size { get; }

    /// <summary>
    /// The area's size on a machine of <paramref name="ramSize"/> bytes: the fixed area, whose one PDPT maps the first
    /// 512 GiB, and above 512 GiB one more PDPT page for each further 512 GiB, placed after it.
    /// </summary>
    public static ulong SizeFor(ulong ramSize) => AreaSize + ((PdptCount(ramSize) - 1) * 0x1000);

    private static ulong PdptCount(ulong ramSize) => Math.Max(1, (ramSize + (1UL << 39) - 1) >> 39);

    /// <summary>PML4 (A's CR3).</summary>
    public ulong Pml4 => Base;

    /// <summary>Physical address of the per-CPU area GS points at.</summary>
    public ulong PerCpu => Base + 0x4800;

    /// <summary>Kernel virtual address of a physical address in the direct map.</summary>
    public static ulong Va(ulong physical) => PageOffset + physical;

    /// <summary>
    /// Writes A's tables into RAM at <paramref name="areaBase"/> and puts the CPU in A's state at CPL 0: long mode on
    /// A's page tables, the Linux kernel defaults for control registers and MSRs, RSP at the top of the kernel stack.
    /// </summary>
    public static X86_64KernelEnvironment Build(X86Machine machine, ulong areaBase)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var mem = machine.Memory;
        var env = new X86_64KernelEnvironment(areaBase, mem.Size);
        var cpu = machine.Cpu;
        mem.Write(areaBase, new byte[env.Size]);

        // Identity map and direct map share the PDPTs: 1 GiB pages over all of RAM (at least 4 GiB, as Linux maps).
        var gigabytes = Math.Max(4UL, (mem.Size + (1UL << 30) - 1) >> 30);
        for (ulong t = 0; t < PdptCount(mem.Size); t++)
        {
            var pdpt = t == 0 ? areaBase + 0x1000 : areaBase + AreaSize + ((t - 1) * 0x1000);
            for (ulong g = t * 512; g < Math.Min(gigabytes, (t + 1) * 512); g++)
            {
                mem.WriteUInt64(pdpt + ((g & 511) * 8), (g << 30) | 0xE3);
            }

            mem.WriteUInt64(env.Pml4 + (t * 8), pdpt | 0x63);
            mem.WriteUInt64(env.Pml4 + ((((PageOffset >> 39) & 511) + t) * 8), pdpt | 0x63);
        }

        // Accessed bits set, as a running kernel's descriptors have them.
        mem.WriteUInt64(env.Gdt + Kernel32Cs, 0x00CF_9B00_0000_FFFF);
        mem.WriteUInt64(env.Gdt + KernelCs, 0x00AF_9B00_0000_FFFF);
        mem.WriteUInt64(env.Gdt + KernelDs, 0x00CF_9300_0000_FFFF);
        mem.WriteUInt64(env.Gdt + 0x20, 0x00CF_FB00_0000_FFFF);
        mem.WriteUInt64(env.Gdt + 0x28, 0x00CF_F300_0000_FFFF);
        mem.WriteUInt64(env.Gdt + 0x30, 0x00AF_FB00_0000_FFFF);
        var tssVa = Va(env.Tss);
        mem.WriteUInt64(env.Gdt + TssSelector, 0x67 | ((tssVa & 0xFF_FFFF) << 16) | (0x8BUL << 40) | (((tssVa >> 24) & 0xFF) << 56));
        mem.WriteUInt64(env.Gdt + TssSelector + 8, tssVa >> 32);
        mem.WriteUInt64(env.Tss + 4, Va(env.StackTop));

        for (var v = 0; v < 256; v++)
        {
            var handler = env.HandlerVa(v);
            var gate = env.Idt + (ulong)(v * 16);
            mem.WriteUInt64(gate, (handler & 0xFFFF) | ((ulong)KernelCs << 16) | (0x8EUL << 40) | (((handler >> 16) & 0xFFFF) << 48));
            mem.WriteUInt64(gate + 8, handler >> 32);
            env.WriteHandlerStub(mem, v, longMode: true);
            cpu.AddSentinel(handler);
        }

        cpu.Reset();
        cpu.Gdtr = new DescriptorTableRegister(Va(env.Gdt), 0x7F);
        cpu.Idtr = new DescriptorTableRegister(Va(env.Idt), 0xFFF);
        cpu.Tr = new SegmentCache(TssSelector, tssVa, 0x67, 0x8B);
        cpu.Ldtr = new SegmentCache(0, 0, 0, 1u << 16);
        cpu.Cr4 = Cr.Cr4Pae | Cr.Cr4Pge | Cr.Cr4Osfxsr | Cr.Cr4Osxmmexcpt;
        cpu.Cr3 = env.Pml4;
        cpu.Efer = Cr.EferSce | Cr.EferLme | Cr.EferLma | Cr.EferNxe;
        cpu.Cr0 = Cr.Cr0Pe | Cr.Cr0Mp | Cr.Cr0Et | Cr.Cr0Ne | Cr.Cr0Wp | Cr.Cr0Pg;
        cpu.SetSegment(SegmentRegister.Cs, X86Cpu.ToCache(KernelCs, 0x00AF_9B00_0000_FFFF));
        cpu.SetSegment(SegmentRegister.Ss, X86Cpu.ToCache(KernelDs, 0x00CF_9300_0000_FFFF));
        cpu.SetSegment(SegmentRegister.Ds, X86Cpu.ToCache(UserDs, 0x00CF_F300_0000_FFFF));
        cpu.SetSegment(SegmentRegister.Es, X86Cpu.ToCache(UserDs, 0x00CF_F300_0000_FFFF));
        cpu.SetSegment(SegmentRegister.Fs, new SegmentCache(0, 0, 0, 1u << 16));
        cpu.SetSegment(SegmentRegister.Gs, new SegmentCache(0, 0, 0, 1u << 16));
        cpu.FsBase = 0x7F00_0000_0000;
        cpu.GsBase = Va(env.PerCpu);
        cpu.KernelGsBase = 0;
        cpu.Star = 0x0023_0010_0000_0000;
        cpu.Lstar = Va(env.Text + 0x700);
        cpu.Cstar = Va(env.Text + 0x780);
        cpu.Fmask = 0x4_7700;
        cpu.Rflags = 0x202;
        cpu.SetGpr(4, Va(env.StackTop));
        cpu.Rip = Va(env.Text + 0x7F0);
        return env;
    }

    /// <summary>
    /// Generates A's kernel text for an era: the tail of machine_kexec (kernel_fpu_begin, DR7 cleared, load_segments,
    /// before 6.14 the GDT and IDT invalidation, the call of relocate_kernel, image->start stored) and
    /// restore_processor_state (reference 5.8), ending at <see cref="DoneVas"/>.
    /// </summary>
    public ulong WriteText(X86Machine machine, KernelEra era, ulong relocateVa)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var cpu = machine.Cpu;
        var xsave = (cpu.Cr4 & Cr.Cr4Osxsave) != 0;
        var misc = cpu.TryReadMsr(Msr.MiscEnable, out _);
        var ctx = Va(SavedContext);
        var fpu = Va(FpuArea);
        var a = new Assembler(64);
        var done0 = a.CreateLabel("done0");
        var done1 = a.CreateLabel("done1");
        var mxcsr = a.CreateLabel("kernel_mxcsr");

        a.mov(r10, rdx);
        if (xsave)
        {
            a.mov(eax, -1);
            a.mov(edx, -1);
            a.mov(r11, fpu);
            a.xsave64(__[r11]);
        }
        else
        {
            a.mov(r11, fpu);
            a.fxsave64(__[r11]);
        }

        a.fninit();
        a.ldmxcsr(__dword_ptr[mxcsr]);
        a.mov(rdx, r10);
        a.xor(eax, eax);
        a.mov(dr7, rax);
        a.mov(eax, (uint)KernelDs);
        a.mov(ds, ax);
        a.mov(es, ax);
        a.mov(ss, ax);
        a.mov(fs, ax);
        a.mov(gs, ax);
        a.mov(r11, ctx);
        if (Eras.EraTable.Of(era).InvalidatesTablesInMachineKexec)
        {
            a.lidt(__[r11 + SavedContextLayout.NullDescriptor]);
            a.lgdt(__[r11 + SavedContextLayout.NullDescriptor]);
        }

        var relocateCall = a.CreateLabel("relocate_call");
        a.Label(ref relocateCall);
        a.mov(rax, relocateVa);
        a.call(rax);
        a.mov(r11, ctx);
        a.mov(__qword_ptr[r11 + SavedContextLayout.ImageStart], rax);
        var restore = a.CreateLabel("restore_processor_state");
        a.Label(ref restore);

        if (misc)
        {
            WrMsr(a, Msr.MiscEnable, SavedContextLayout.MiscEnable);
        }

        WrMsr(a, Msr.Efer, SavedContextLayout.Efer);
        a.mov(rax, __qword_ptr[r11 + SavedContextLayout.Cr4]);
        a.mov(cr4, rax);
        a.mov(rax, __qword_ptr[r11 + SavedContextLayout.Cr3]);
        a.mov(cr3, rax);
        a.mov(rax, __qword_ptr[r11 + SavedContextLayout.Cr2]);
        a.mov(cr2, rax);
        a.mov(rax, __qword_ptr[r11 + SavedContextLayout.Cr0]);
        a.mov(cr0, rax);
        a.lidt(__[r11 + SavedContextLayout.IdtDescriptor]);
        a.mov(eax, (uint)KernelDs);
        a.mov(ss, ax);
        a.mov(eax, (uint)UserDs);
        a.mov(ds, ax);
        a.mov(es, ax);
        WrMsr(a, Msr.GsBase, SavedContextLayout.GsBase);

        // fix_processor_context: TSS marked available, TR and LDT reloaded, syscall_init, fpu__resume_cpu, fixmap GDT.
        a.mov(rax, __qword_ptr[r11 + SavedContextLayout.GdtDescriptor + 2]);
        a.and(__byte_ptr[rax + TssSelector + 5], 0xFD);
        a.mov(ax, __word_ptr[r11 + SavedContextLayout.Tr]);
        a.ltr(ax);
        a.xor(eax, eax);
        a.lldt(ax);
        WrMsr(a, Msr.Star, SavedContextLayout.Star);
        WrMsr(a, Msr.Lstar, SavedContextLayout.Lstar);
        WrMsr(a, Msr.Cstar, SavedContextLayout.Cstar);
        WrMsr(a, Msr.Fmask, SavedContextLayout.Fmask);
        if (xsave)
        {
            a.xor(ecx, ecx);
            a.mov(eax, __dword_ptr[r11 + SavedContextLayout.Xcr0]);
            a.mov(edx, __dword_ptr[r11 + SavedContextLayout.Xcr0 + 4]);
            a.xsetbv();
        }

        a.lgdt(__[r11 + SavedContextLayout.GdtDescriptor]);
        a.mov(ax, __word_ptr[r11 + SavedContextLayout.Ds]);
        a.mov(ds, ax);
        a.mov(ax, __word_ptr[r11 + SavedContextLayout.Es]);
        a.mov(es, ax);
        a.mov(ax, __word_ptr[r11 + SavedContextLayout.Fs]);
        a.mov(fs, ax);
        a.mov(ax, __word_ptr[r11 + SavedContextLayout.Gs]);
        a.mov(gs, ax);
        WrMsr(a, Msr.FsBase, SavedContextLayout.FsBase);
        WrMsr(a, Msr.GsBase, SavedContextLayout.GsBase);
        WrMsr(a, Msr.KernelGsBase, SavedContextLayout.KernelGsBase);
        if (xsave)
        {
            a.mov(eax, -1);
            a.mov(edx, -1);
            a.mov(r10, fpu);
            a.xrstor64(__[r10]);
        }
        else
        {
            a.mov(r10, fpu);
            a.fxrstor64(__[r10]);
        }

        // Two end points used in turn: a run resumed after stopping at a sentinel passes that sentinel once.
        a.mov(rax, __qword_ptr[r11 + SavedContextLayout.DoneTarget]);
        a.jmp(rax);
        a.Label(ref done0);
        a.hlt();
        a.jmp(done0);
        a.Label(ref done1);
        a.hlt();
        a.jmp(done1);
        a.Label(ref mxcsr);
        a.dd(0x1F80);

        using var stream = new MemoryStream();
        var textVa = Va(Text);
        var result = a.Assemble(new StreamCodeWriter(stream), textVa, BlockEncoderOptions.ReturnNewInstructionOffsets);
        var code = stream.ToArray();
        if (code.Length > HandlersOffset)
        {
            throw new InvalidOperationException("machine_kexec text does not fit before the handlers");
        }

        machine.Memory.Write(Text, code);
        DoneVas = [result.GetLabelRIP(done0), result.GetLabelRIP(done1)];
        RelocateCallVa = result.GetLabelRIP(relocateCall);
        TextLabels = [new("machine_kexec", 0), new("restore_processor_state", (int)(result.GetLabelRIP(restore) - textVa))];
        machine.Cpu.AddSentinel(DoneVas[0]);
        machine.Cpu.AddSentinel(DoneVas[1]);
        return textVa;
    }

    /// <summary>Where restore_processor_state ends (two alternating addresses): reaching one means machine_kexec returned.</summary>
    public IReadOnlyList<ulong> DoneVas { get; private set; } = [];

    /// <summary>
    /// save_processor_state (reference 5.8) as the C code does it: the CPU's control registers, descriptor tables,
    /// selectors and MSRs written into <c>saved_context</c>.
    /// </summary>
    public void SaveProcessorState(X86Cpu cpu)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        var mem = cpu.Memory;
        var ctx = SavedContext;
        mem.WriteUInt64(ctx + SavedContextLayout.Cr0, cpu.Cr0);
        mem.WriteUInt64(ctx + SavedContextLayout.Cr2, cpu.Cr2);
        mem.WriteUInt64(ctx + SavedContextLayout.Cr3, cpu.Cr3);
        mem.WriteUInt64(ctx + SavedContextLayout.Cr4, cpu.Cr4);
        mem.WriteUInt64(ctx + SavedContextLayout.Efer, cpu.Efer);
        mem.WriteUInt64(ctx + SavedContextLayout.MiscEnable, cpu.TryReadMsr(Msr.MiscEnable, out var misc) ? misc : 0);
        mem.WriteUInt16(ctx + SavedContextLayout.GdtDescriptor, cpu.Gdtr.Limit);
        mem.WriteUInt64(ctx + SavedContextLayout.GdtDescriptor + 2, cpu.Gdtr.Base);
        mem.WriteUInt16(ctx + SavedContextLayout.IdtDescriptor, cpu.Idtr.Limit);
        mem.WriteUInt64(ctx + SavedContextLayout.IdtDescriptor + 2, cpu.Idtr.Base);
        mem.WriteUInt64(ctx + SavedContextLayout.FsBase, cpu.FsBase);
        mem.WriteUInt64(ctx + SavedContextLayout.GsBase, cpu.GsBase);
        mem.WriteUInt64(ctx + SavedContextLayout.KernelGsBase, cpu.KernelGsBase);
        mem.WriteUInt64(ctx + SavedContextLayout.Star, cpu.Star);
        mem.WriteUInt64(ctx + SavedContextLayout.Lstar, cpu.Lstar);
        mem.WriteUInt64(ctx + SavedContextLayout.Cstar, cpu.Cstar);
        mem.WriteUInt64(ctx + SavedContextLayout.Fmask, cpu.Fmask);
        mem.WriteUInt64(ctx + SavedContextLayout.Xcr0, cpu.Xcr0);
        mem.WriteUInt16(ctx + SavedContextLayout.Ds, cpu.GetSegment(SegmentRegister.Ds).Selector);
        mem.WriteUInt16(ctx + SavedContextLayout.Es, cpu.GetSegment(SegmentRegister.Es).Selector);
        mem.WriteUInt16(ctx + SavedContextLayout.Fs, cpu.GetSegment(SegmentRegister.Fs).Selector);
        mem.WriteUInt16(ctx + SavedContextLayout.Gs, cpu.GetSegment(SegmentRegister.Gs).Selector);
        mem.WriteUInt16(ctx + SavedContextLayout.Tr, cpu.Tr.Selector);
        mem.WriteUInt16(ctx + SavedContextLayout.NullDescriptor, 0);
        mem.WriteUInt64(ctx + SavedContextLayout.NullDescriptor + 2, PageOffset);
    }

    private static void WrMsr(Assembler a, uint msr, int slot)
    {
        a.mov(ecx, msr);
        a.mov(eax, __dword_ptr[r11 + slot]);
        a.mov(edx, __dword_ptr[r11 + slot + 4]);
        a.wrmsr();
    }
}
