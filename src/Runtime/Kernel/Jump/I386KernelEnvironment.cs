using Iced.Intel;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>
/// Kernel A on i386 (K27), modelled with a real CPU state: the 3 GiB split (lowmem at <see cref="PageOffset"/>, 4 KiB
/// page tables that also map low RAM at its physical address, as the kexec page directory does for the control page),
/// Linux's GDT (__KERNEL_CS 0x60, __KERNEL_DS 0x68, TSS 0x80), an IDT of sentinel handlers, a TSS, saved_context,
/// an FPU save area, a kernel stack and the text of machine_kexec's tail and restore_processor_state.
/// </summary>
public sealed class I386KernelEnvironment : KernelEnvironment
{
    /// <summary>i386 PAGE_OFFSET with the default 3G/1G split.</summary>
    public const ulong PageOffset = 0xC000_0000;

    /// <summary>__KERNEL_CS.</summary>
    public const ushort KernelCs = 0x60;

    /// <summary>__KERNEL_DS.</summary>
    public const ushort KernelDs = 0x68;

    /// <summary>__USER_DS.</summary>
    public const ushort UserDs = 0x7B;

    /// <summary>GDT_ENTRY_TSS selector.</summary>
    public const ushort TssSelector = 0x80;

    private const int SsSlot = 0x9A;
    private const int MxcsrSlot = 0xB8;
    private const int HeadSlot = SavedContextLayout.PageList + 0x10;
    private const int StartSlot = SavedContextLayout.PageList + 0x14;
    private const int PreserveSlot = SavedContextLayout.PageList + 0x18;

    private I386KernelEnvironment(ulong areaBase, ulong tables)
        : base(areaBase, PageOffset)
    {
        Size = StackAreaSize + (tables * 0x1000);
    }

    /// <inheritdoc />
    public override ulong Size { get; }

    /// <summary>The page directory (A's CR3).</summary>
    public ulong PageDirectory => Base;

    /// <summary>Where restore_processor_state ends (two alternating sentinels).</summary>
    public IReadOnlyList<ulong> DoneVas { get; private set; } = [];

    /// <summary>Kernel virtual address of a lowmem physical address.</summary>
    public static ulong Va(ulong physical) => PageOffset + physical;

    /// <summary>Builds A's tables at <paramref name="areaBase"/> and puts the CPU in A's protected-mode state.</summary>
    public static I386KernelEnvironment Build(X86Machine machine, ulong areaBase)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var mem = machine.Memory;
        var cpu = machine.Cpu;
        var lowmem = Math.Min(mem.Size, 896UL << 20);
        var tables = (lowmem + (4UL << 20) - 1) >> 22;
        var env = new I386KernelEnvironment(areaBase, tables);
        mem.Write(areaBase, new byte[env.Size]);
        for (ulong t = 0; t < tables; t++)
        {
            var table = areaBase + StackAreaSize + (t * 0x1000);
            for (ulong i = 0; i < 1024; i++)
            {
                var physical = (t << 22) + (i << 12);
                if (physical < lowmem)
                {
                    mem.WriteUInt32(table + (i * 4), (uint)physical | 0x63);
                }
            }

            mem.WriteUInt32(env.PageDirectory + (t * 4), (uint)table | 0x63);
            mem.WriteUInt32(env.PageDirectory + ((768 + t) * 4), (uint)table | 0x63);
        }

        mem.WriteUInt64(env.Gdt + KernelCs, 0x00CF_9B00_0000_FFFF);
        mem.WriteUInt64(env.Gdt + KernelDs, 0x00CF_9300_0000_FFFF);
        mem.WriteUInt64(env.Gdt + 0x70, 0x00CF_FB00_0000_FFFF);
        mem.WriteUInt64(env.Gdt + 0x78, 0x00CF_F300_0000_FFFF);
        var tssVa = Va(env.Tss);
        mem.WriteUInt64(env.Gdt + TssSelector, 0x67 | ((tssVa & 0xFF_FFFF) << 16) | (0x8BUL << 40) | (((tssVa >> 24) & 0xFF) << 56));
        mem.WriteUInt32(env.Tss + 4, (uint)Va(env.StackTop));
        mem.WriteUInt32(env.Tss + 8, KernelDs);
        for (var v = 0; v < 256; v++)
        {
            var handler = env.HandlerVa(v);
            mem.WriteUInt64(env.Idt + (ulong)(v * 8), (handler & 0xFFFF) | ((ulong)KernelCs << 16) | (0x8EUL << 40) | (((handler >> 16) & 0xFFFF) << 48));
            env.WriteHandlerStub(mem, v, longMode: false);
            cpu.AddSentinel(handler);
        }

        cpu.Reset();
        cpu.Gdtr = new DescriptorTableRegister(Va(env.Gdt), 0xFF);
        cpu.Idtr = new DescriptorTableRegister(Va(env.Idt), 0x7FF);
        cpu.Tr = new SegmentCache(TssSelector, tssVa, 0x67, 0x8B);
        cpu.Ldtr = new SegmentCache(0, 0, 0, 1u << 16);
        cpu.Cr4 = Cr.Cr4Pge | Cr.Cr4Osfxsr | Cr.Cr4Osxmmexcpt;
        cpu.Cr3 = env.PageDirectory;
        cpu.Cr0 = Cr.Cr0Pe | Cr.Cr0Mp | Cr.Cr0Et | Cr.Cr0Ne | Cr.Cr0Wp | Cr.Cr0Pg;
        cpu.SetSegment(SegmentRegister.Cs, X86Cpu.ToCache(KernelCs, 0x00CF_9B00_0000_FFFF));
        cpu.SetSegment(SegmentRegister.Ss, X86Cpu.ToCache(KernelDs, 0x00CF_9300_0000_FFFF));
        cpu.SetSegment(SegmentRegister.Ds, X86Cpu.ToCache(UserDs, 0x00CF_F300_0000_FFFF));
        cpu.SetSegment(SegmentRegister.Es, X86Cpu.ToCache(UserDs, 0x00CF_F300_0000_FFFF));
        cpu.SetSegment(SegmentRegister.Fs, new SegmentCache(0, 0, 0, 1u << 16));
        cpu.SetSegment(SegmentRegister.Gs, new SegmentCache(0, 0, 0, 1u << 16));
        cpu.Rflags = 0x202;
        cpu.SetGpr(4, Va(env.StackTop));
        cpu.Rip = Va(env.Text + 0x7F0);
        return env;
    }

    /// <summary>save_processor_state (2.6.27 i386) into saved_context, plus relocate_kernel's arguments.</summary>
    public void SaveProcessorState(X86Cpu cpu, KimageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(cpu);
        ArgumentNullException.ThrowIfNull(layout);
        var mem = cpu.Memory;
        var ctx = SavedContext;
        mem.WriteUInt32(ctx + SavedContextLayout.Cr0, (uint)cpu.Cr0);
        mem.WriteUInt32(ctx + SavedContextLayout.Cr2, (uint)cpu.Cr2);
        mem.WriteUInt32(ctx + SavedContextLayout.Cr3, (uint)cpu.Cr3);
        mem.WriteUInt32(ctx + SavedContextLayout.Cr4, (uint)cpu.Cr4);
        mem.WriteUInt16(ctx + SavedContextLayout.GdtDescriptor, cpu.Gdtr.Limit);
        mem.WriteUInt32(ctx + SavedContextLayout.GdtDescriptor + 2, (uint)cpu.Gdtr.Base);
        mem.WriteUInt16(ctx + SavedContextLayout.IdtDescriptor, cpu.Idtr.Limit);
        mem.WriteUInt32(ctx + SavedContextLayout.IdtDescriptor + 2, (uint)cpu.Idtr.Base);
        mem.WriteUInt16(ctx + SavedContextLayout.Ds, cpu.GetSegment(SegmentRegister.Ds).Selector);
        mem.WriteUInt16(ctx + SavedContextLayout.Es, cpu.GetSegment(SegmentRegister.Es).Selector);
        mem.WriteUInt16(ctx + SavedContextLayout.Fs, cpu.GetSegment(SegmentRegister.Fs).Selector);
        mem.WriteUInt16(ctx + SavedContextLayout.Gs, cpu.GetSegment(SegmentRegister.Gs).Selector);
        mem.WriteUInt16(ctx + SsSlot, cpu.GetSegment(SegmentRegister.Ss).Selector);
        mem.WriteUInt16(ctx + SavedContextLayout.Tr, cpu.Tr.Selector);
        mem.WriteUInt16(ctx + SavedContextLayout.NullDescriptor, 0);
        mem.WriteUInt32(ctx + SavedContextLayout.NullDescriptor + 2, 0);
        mem.WriteUInt32(ctx + MxcsrSlot, 0x1F80);
        mem.WriteUInt32(ctx + HeadSlot, (uint)layout.Head);
        mem.WriteUInt32(ctx + StartSlot, (uint)layout.Start);
        mem.WriteUInt32(ctx + PreserveSlot, layout.PreserveContext ? 1u : 0u);
    }

    /// <summary>Writes machine_kexec's tail and restore_processor_state (i386) calling <paramref name="relocateVa"/>.</summary>
    public ulong WriteText(X86Machine machine, ulong relocateVa, ulong pageListVa)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var ctx = (uint)Va(SavedContext);
        var fpu = (uint)Va(FpuArea);
        var a = new Assembler(32);
        var done0 = a.CreateLabel("done0");
        var done1 = a.CreateLabel("done1");

        // machine_kexec is a C function: the callee-saved registers survive it.
        a.push(ebx);
        a.push(esi);
        a.push(edi);
        a.push(ebp);
        a.mov(edi, fpu);
        a.fxsave(__[edi]);
        a.fninit();
        a.mov(ebx, ctx);
        a.ldmxcsr(__dword_ptr[ebx + MxcsrSlot]);
        a.xor(eax, eax);
        a.mov(dr7, eax);
        a.mov(eax, (uint)KernelDs);
        a.mov(ds, ax);
        a.mov(es, ax);
        a.mov(ss, ax);
        a.mov(fs, ax);
        a.mov(gs, ax);
        // Far return to __KERNEL_CS: pop (1 byte), add eax, imm32 (5), push 0x60 (2), push eax (1), retf (1).
        var here = a.CreateLabel("here");
        a.call(here);
        a.Label(ref here);
        a.pop(eax);
        a.add(eax, 10);
        a.push(0x60);
        a.push(eax);
        a.retf();
        a.mov(ebx, ctx);
        a.lidt(__[ebx + SavedContextLayout.NullDescriptor]);
        a.lgdt(__[ebx + SavedContextLayout.NullDescriptor]);
        var relocateCall = a.CreateLabel("relocate_call");
        a.Label(ref relocateCall);
        a.push(__dword_ptr[ebx + PreserveSlot]);
        a.push(0);
        a.push(__dword_ptr[ebx + StartSlot]);
        a.push((uint)pageListVa);
        a.push(__dword_ptr[ebx + HeadSlot]);
        a.mov(eax, (uint)relocateVa);
        a.call(eax);
        a.add(esp, 20);
        a.mov(ebx, ctx);
        a.mov(__dword_ptr[ebx + SavedContextLayout.ImageStart], eax);
        var restore = a.CreateLabel("restore_processor_state");
        a.Label(ref restore);
        a.mov(eax, __dword_ptr[ebx + SavedContextLayout.Cr4]);
        a.mov(cr4, eax);
        a.mov(eax, __dword_ptr[ebx + SavedContextLayout.Cr3]);
        a.mov(cr3, eax);
        a.mov(eax, __dword_ptr[ebx + SavedContextLayout.Cr2]);
        a.mov(cr2, eax);
        a.mov(eax, __dword_ptr[ebx + SavedContextLayout.Cr0]);
        a.mov(cr0, eax);
        a.lgdt(__[ebx + SavedContextLayout.GdtDescriptor]);
        a.lidt(__[ebx + SavedContextLayout.IdtDescriptor]);
        a.mov(ax, __word_ptr[ebx + SsSlot]);
        a.mov(ss, ax);
        a.mov(ax, __word_ptr[ebx + SavedContextLayout.Ds]);
        a.mov(ds, ax);
        a.mov(ax, __word_ptr[ebx + SavedContextLayout.Es]);
        a.mov(es, ax);
        a.mov(ax, __word_ptr[ebx + SavedContextLayout.Fs]);
        a.mov(fs, ax);
        a.mov(ax, __word_ptr[ebx + SavedContextLayout.Gs]);
        a.mov(gs, ax);
        a.mov(eax, __dword_ptr[ebx + SavedContextLayout.GdtDescriptor + 2]);
        a.and(__byte_ptr[eax + TssSelector + 5], 0xFD);
        a.mov(ax, __word_ptr[ebx + SavedContextLayout.Tr]);
        a.ltr(ax);
        a.xor(eax, eax);
        a.lldt(ax);
        a.mov(edi, fpu);
        a.fxrstor(__[edi]);
        a.mov(eax, __dword_ptr[ebx + SavedContextLayout.DoneTarget]);
        a.pop(ebp);
        a.pop(edi);
        a.pop(esi);
        a.pop(ebx);
        a.jmp(eax);
        a.Label(ref done0);
        a.hlt();
        a.jmp(done0);
        a.Label(ref done1);
        a.hlt();
        a.jmp(done1);

        using var stream = new MemoryStream();
        var textVa = Va(Text);
        var result = a.Assemble(new StreamCodeWriter(stream), textVa, BlockEncoderOptions.ReturnNewInstructionOffsets);
        machine.Memory.Write(Text, stream.ToArray());
        DoneVas = [result.GetLabelRIP(done0), result.GetLabelRIP(done1)];
        RelocateCallVa = result.GetLabelRIP(relocateCall);
        TextLabels = [new("machine_kexec", 0), new("restore_processor_state", (int)(result.GetLabelRIP(restore) - textVa))];
        machine.Cpu.AddSentinel(DoneVas[0]);
        machine.Cpu.AddSentinel(DoneVas[1]);
        return textVa;
    }
}
