using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Kernel.Relocate;

/// <summary>
/// Generates the x86-64 <c>relocate_kernel</c> of an era (reference 5.2 to 5.5, 5.7) as guest code for the control code
/// page: the callee-saved registers and flags pushed, CR0/CR3/CR4 and RSP saved in the data area, the switch to the
/// identity table at the control page's physical address, <c>swap_pages</c> through the swap page with
/// <c>rep movsq</c>, the call of the image with the jump-back protocol, and the return path that swaps back and
/// restores. Data live at <see cref="RelocateRoutine.ControlCodeMaxSize"/> in every era (the offset of K614's and
/// CUR's named variables inside their data section is not modelled).
/// </summary>
public static class X86_64Relocate
{
    private const ulong PageSize = 4096;
    private const ulong Cr0Am = 1UL << 18;
    private const ulong Cr0Wp = 1UL << 16;
    private const ulong Cr0Ts = 8;
    private const ulong Cr0Em = 4;
    private const ulong Cr0Pg = 1UL << 31;
    private const ulong Cr0Pe = 1;
    private const uint Cr4Pae = 1 << 5;
    private const uint Cr4La57 = 1 << 12;
    private const ulong Cr4Pge = 1 << 7;

    /// <summary>Number of vectors of CUR's debug IDT.</summary>
    public const int DebugVectors = 16;

    /// <summary>
    /// Builds the routine of <paramref name="era"/> with <paramref name="bug"/>. <paramref name="savedGdtDescriptorVa"/> is
    /// the kernel virtual address of <c>saved_context.gdt_desc</c>, which K614 and CUR reload on the way back
    /// (fix 07fa619f2a40).
    /// </summary>
    public static RelocateRoutine Build(KernelEra era, RelocateBug bug, ulong savedGdtDescriptorVa)
    {
        // Assembling takes milliseconds and the result depends only on the key; each caller gets its own bytes.
        var routine = Built.GetOrAdd((era, bug, savedGdtDescriptorVa), key => Assemble(key.Era, key.Bug, key.SavedGdtDescriptorVa));
        return routine with { Code = (byte[])routine.Code.Clone() };
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(KernelEra Era, RelocateBug Bug, ulong SavedGdtDescriptorVa), RelocateRoutine> Built = new();

    private static RelocateRoutine Assemble(KernelEra era, RelocateBug bug, ulong savedGdtDescriptorVa)
    {
        var traits = Eras.EraTable.Of(era);
        if (!traits.Supports(KernelArch.X86_64))
        {
            throw new ArgumentOutOfRangeException(nameof(era), era, "era has no x86-64 relocate_kernel");
        }

        var modern = traits.Interface == Eras.RelocateInterface.ControlPage;
        if (bug == RelocateBug.B5 && !modern)
        {
            throw new ArgumentException("bug B5 needs the 6.14 control page, read-only in the kernel map", nameof(bug));
        }

        const int d = RelocateRoutine.ControlCodeMaxSize;
        var a = new Assembler(64);
        var start = a.CreateLabel("relocate_kernel");
        var identityMapped = a.CreateLabel("identity_mapped");
        var afterCs = a.CreateLabel("after_cs");
        var kjump = a.CreateLabel("relocate_kjump");
        var jumpBack = a.CreateLabel("jump_back");
        var virtualMapped = a.CreateLabel("virtual_mapped");
        var swapPages = a.CreateLabel("swap_pages");
        var stubs = new Label[DebugVectors];

        a.Label(ref start);
        a.push(rbx);
        a.push(rbp);
        a.push(r12);
        a.push(r13);
        a.push(r14);
        a.push(r15);
        a.pushfq();
        if (modern)
        {
            // IDT and GDT invalidated here since 6.14; before, machine_kexec did it in C.
            a.push(0);
            a.push(0);
            a.lidt(__[rsp + 6]);
            a.lgdt(__[rsp + 6]);
            a.add(rsp, 16);
        }

        a.push(0);
        a.popfq();

        if (modern)
        {
            a.lea(r8, __[start]);
        }
        else
        {
            // page_list: [0] PA of the code page, [1] its VA, [2] PA of the identity table, [3] PA of the swap page.
            a.mov(r8, __qword_ptr[rsi + 8]);
            a.mov(rax, __qword_ptr[rsi + 16]);
            a.mov(__qword_ptr[r8 + d + RelocateRoutine.PaTablePage], rax);
            a.mov(rax, __qword_ptr[rsi + 24]);
            a.mov(__qword_ptr[r8 + d + RelocateRoutine.PaSwapPage], rax);
            a.mov(__qword_ptr[r8 + d + RelocateRoutine.VaControlPage], r8);
            a.mov(rsi, __qword_ptr[rsi]);
        }

        a.mov(r14, cr3);
        a.mov(r9, __qword_ptr[r8 + d + RelocateRoutine.PaTablePage]);
        a.mov(cr3, r9);
        if (bug == RelocateBug.B5)
        {
            // 5a82223e0743 before d144d8a65286: the data area is written with the kernel map's global entries still
            // in the TLB; PGE is cleared only by identity_mapped's CR4 load.
            a.mov(__qword_ptr[r8 + d + RelocateRoutine.SavedRsp], rsp);
            a.mov(__qword_ptr[r8 + d + RelocateRoutine.SavedCr3], r14);
            a.mov(r12, cr0);
            a.mov(__qword_ptr[r8 + d + RelocateRoutine.SavedCr0], r12);
            a.mov(r13, cr4);
            a.mov(__qword_ptr[r8 + d + RelocateRoutine.SavedCr4], r13);
        }
        else
        {
            a.mov(r13, cr4);
            a.mov(r12, r13);
            a.mov(rax, ~Cr4Pge);
            a.and(r12, rax);
            a.mov(cr4, r12);
            a.mov(__qword_ptr[r8 + d + RelocateRoutine.SavedCr4], r13);
            a.mov(__qword_ptr[r8 + d + RelocateRoutine.SavedRsp], rsp);
            a.mov(__qword_ptr[r8 + d + RelocateRoutine.SavedCr3], r14);
            a.mov(r12, cr0);
            a.mov(__qword_ptr[r8 + d + RelocateRoutine.SavedCr0], r12);
        }

        a.mov(__qword_ptr[r8 + d + RelocateRoutine.BackupPagesMap], rdi);
        a.mov(r11, rcx);
        a.lea(rsp, __[rsi + (int)PageSize]);
        a.lea(rax, __[identityMapped]);
        a.sub(rax, r8);
        a.add(rax, rsi);
        a.jmp(rax);

        a.Label(ref identityMapped);
        a.lea(r8, __[start]);
        if (traits.PushesZeroWord && bug != RelocateBug.B6)
        {
            // The zero word purgatory looks for in a plain kexec (absent in 6.14 until 786a45757dcd, bug B6).
            a.push(0);
        }

        a.push(rdx);
        if (traits.HasDebugIdt)
        {
            a.lea(rax, __[r8 + d + RelocateRoutine.DebugGdt]);
            a.mov(__qword_ptr[r8 + d + RelocateRoutine.DebugGdtDescriptor + 2], rax);
            a.lgdt(__[r8 + d + RelocateRoutine.DebugGdtDescriptor]);
            a.push(0x10);
            a.lea(rax, __[afterCs]);
            a.push(rax);
            a.AddInstruction(Instruction.Create(Code.Retfq));
            a.Label(ref afterCs);
            a.mov(eax, 0x18);
            a.mov(ds, ax);
            a.mov(es, ax);
            a.mov(ss, ax);
            a.mov(fs, ax);
            a.mov(gs, ax);
            a.lea(rax, __[r8 + d + RelocateRoutine.DebugIdt]);
            a.mov(__qword_ptr[r8 + d + RelocateRoutine.DebugIdtDescriptor + 2], rax);
            a.lidt(__[r8 + d + RelocateRoutine.DebugIdtDescriptor]);
        }

        a.mov(rax, cr0);
        a.mov(rbx, ~(Cr0Am | Cr0Wp | Cr0Ts | Cr0Em));
        a.and(rax, rbx);
        a.mov(rbx, Cr0Pg | Cr0Pe);
        a.or(rax, rbx);
        a.mov(cr0, rax);
        a.mov(rax, r13);
        a.and(eax, (int)(Cr4Pae | Cr4La57));
        a.mov(cr4, rax);
        a.mov(rax, cr3);
        a.mov(cr3, rax);
        LoadSwapPage(a, bug, d);
        a.call(swapPages);
        a.mov(rax, cr3);
        a.mov(cr3, rax);
        a.test(r11, r11);
        a.jnz(kjump);
        foreach (var r in new[] { rax, rbx, rcx, rdx, rsi, rdi, rbp, r8, r9, r10, r11, r12, r13, r14, r15 })
        {
            a.xor(r, r);
        }

        a.ret();

        a.Label(ref kjump);
        a.pop(rdx);
        a.mov(r10, __qword_ptr[r8 + d + RelocateRoutine.PaSwapPage]);
        a.lea(rsp, __[r10 + (int)PageSize]);
        if (traits.ReservesReentrySlot && bug != RelocateBug.B4)
        {
            // The slot the callee may overwrite with its next re-entry point (fix 2cacf7f23a02).
            a.push(rdx);
        }

        a.call(rdx);
        a.Label(ref jumpBack);
        if (modern)
        {
            a.pop(rbp);
        }
        else
        {
            a.mov(rbp, __qword_ptr[rsp]);
        }

        a.lea(r8, __[start]);
        a.mov(r9, __qword_ptr[r8 + d + RelocateRoutine.PaTablePage]);
        a.mov(cr3, r9);
        a.mov(rdi, __qword_ptr[r8 + d + RelocateRoutine.BackupPagesMap]);
        a.lea(rsp, __[r8 + (int)PageSize]);
        if (bug == RelocateBug.B2)
        {
            a.xor(r11d, r11d);
        }
        else
        {
            a.mov(r11d, 1);
        }

        LoadSwapPage(a, bug, d);
        a.call(swapPages);
        a.mov(rax, __qword_ptr[r8 + d + RelocateRoutine.VaControlPage]);
        a.lea(rcx, __[virtualMapped]);
        a.sub(rcx, r8);
        a.add(rax, rcx);
        a.jmp(rax);

        a.Label(ref virtualMapped);
        a.lea(r8, __[start]);
        a.mov(rsp, __qword_ptr[r8 + d + RelocateRoutine.SavedRsp]);
        a.mov(rax, __qword_ptr[r8 + d + RelocateRoutine.SavedCr4]);
        a.mov(cr4, rax);
        a.mov(rax, __qword_ptr[r8 + d + RelocateRoutine.SavedCr3]);
        a.mov(cr3, rax);
        a.mov(rax, __qword_ptr[r8 + d + RelocateRoutine.SavedCr0]);
        a.mov(cr0, rax);
        if (modern)
        {
            a.mov(rax, savedGdtDescriptorVa);
            a.lgdt(__[rax]);
        }

        a.mov(rax, rbp);
        a.popfq();
        a.pop(r15);
        a.pop(r14);
        a.pop(r13);
        a.pop(r12);
        a.pop(rbp);
        a.pop(rbx);
        a.ret();

        EmitSwapPages(a, ref swapPages, traits, bug);

        var die = a.CreateLabel("die");
        var handler = a.CreateLabel("exc_handler");
        if (traits.HasDebugIdt)
        {
            EmitExceptionHandler(a, stubs, ref die, ref handler);
        }

        using var stream = new MemoryStream();
        var result = a.Assemble(new StreamCodeWriter(stream), 0, BlockEncoderOptions.ReturnNewInstructionOffsets);
        var code = stream.ToArray();
        if (code.Length > d)
        {
            throw new InvalidOperationException($"relocate_kernel is {code.Length} bytes, more than KEXEC_CONTROL_CODE_MAX_SIZE");
        }

        var page = new byte[d + RelocateRoutine.DataSize];
        code.CopyTo(page, 0);
        WriteDebugGdt(page.AsSpan(d + RelocateRoutine.DebugGdt));
        BitConverter.TryWriteBytes(page.AsSpan(d + RelocateRoutine.DebugGdtDescriptor), (ushort)31);
        BitConverter.TryWriteBytes(page.AsSpan(d + RelocateRoutine.DebugIdtDescriptor), (ushort)(traits.HasDebugIdt ? (DebugVectors * 16) - 1 : 0));
        var stubOffsets = traits.HasDebugIdt ? stubs.Select(s => (int)result.GetLabelRIP(s)).ToArray() : [];
        var labels = CodeLabel.Of(result, start, identityMapped, kjump, jumpBack, virtualMapped, swapPages);
        return new RelocateRoutine(page, (int)result.GetLabelRIP(jumpBack), d, stubOffsets)
        {
            DebugHaltOffset = traits.HasDebugIdt ? (int)result.GetLabelRIP(die) : -1,
            Labels = traits.HasDebugIdt ? [.. labels, .. DebugLabels(stubOffsets, (int)result.GetLabelRIP(handler), (int)result.GetLabelRIP(die))] : labels,
        };
    }

    /// <summary>The debug IDT's labels: the vectors' stubs and, after them, exc_handler up to the hlt where it dies.</summary>
    private static IEnumerable<CodeLabel> DebugLabels(int[] stubs, int handler, int die) =>
        [new CodeLabel("kexec_debug_exc_vectors", stubs[0]), new CodeLabel("exc_handler", handler), new CodeLabel("die", die)];

    /// <summary>
    /// CUR's debug exception vectors and <c>exc_handler</c> (reference 5.3 step 5): each vector pushes an error code of 0
    /// when the CPU pushes none, then its number; the handler prints the exception, error code, RIP, RSP, the general
    /// registers and CR2 on the serial port at 0x3f8, one <c>name:</c> and sixteen hex digits per line, returns from #BP
    /// only and halts on every other vector.
    /// </summary>
    private static void EmitExceptionHandler(Assembler a, Label[] stubs, ref Label die, ref Label handler)
    {
        var printQword = a.CreateLabel("pr_qword");
        var printNybble = a.CreateLabel("pr_nybble");
        for (var v = 0; v < DebugVectors; v++)
        {
            stubs[v] = a.CreateLabel();
            a.Label(ref stubs[v]);
            if (v is 8 or (>= 10 and <= 14))
            {
                a.nop();
                a.nop();
            }
            else
            {
                a.push(0);
            }

            a.push(v);
            a.jmp(handler);
        }

        a.Label(ref handler);
        a.push(rax);
        a.push(rbx);
        a.push(rcx);
        a.push(rdx);
        a.push(rsi);
        a.mov(edx, 0x3f8);
        void Name(string name)
        {
            foreach (var ch in name)
            {
                a.mov(al, (byte)ch);
                a.@out(dx, al);
            }
        }

        void Slot(string name, int offset)
        {
            Name(name);
            a.mov(rbx, __qword_ptr[rsp + offset]);
            a.call(printQword);
        }

        void Register(string name, AssemblerRegister64 register)
        {
            Name(name);
            a.mov(rbx, register);
            a.call(printQword);
        }

        Slot("Exc:", 0x28);
        Slot("Err:", 0x30);
        Slot("rip:", 0x38);
        Slot("rsp:", 0x50);
        Slot("rax:", 0x20);
        Slot("rbx:", 0x18);
        Slot("rcx:", 0x10);
        Slot("rdx:", 0x08);
        Slot("rsi:", 0x00);
        Register("rdi:", rdi);
        Register("r8 :", r8);
        Register("r9 :", r9);
        Register("r10:", r10);
        Register("r11:", r11);
        Register("r12:", r12);
        Register("r13:", r13);
        Register("r14:", r14);
        Register("r15:", r15);
        Name("cr2:");
        a.mov(rbx, cr2);
        a.call(printQword);
        a.pop(rsi);
        a.pop(rdx);
        a.pop(rcx);
        a.pop(rbx);
        a.pop(rax);
        a.cmp(__qword_ptr[rsp], 3);
        a.jne(die);
        a.add(rsp, 16);
        a.iretq();
        a.Label(ref die);
        a.hlt();
        a.jmp(die);

        var digit = a.CreateLabel();
        a.Label(ref printNybble);
        a.mov(al, bl);
        a.and(al, 0x0f);
        a.add(al, 0x30);
        a.cmp(al, 0x3a);
        a.jb(digit);
        a.add(al, 'a' - '0' - 10);
        a.Label(ref digit);
        a.@out(dx, al);
        a.ret();

        var next = a.CreateLabel();
        a.Label(ref printQword);
        a.mov(ecx, 16);
        a.Label(ref next);
        a.rol(rbx, 4);
        a.call(printNybble);
        a.loop(next);
        a.mov(al, (byte)'\n');
        a.@out(dx, al);
        a.ret();
    }

    /// <summary>Writes the debug IDT gates of CUR, pointing at the stubs of a routine placed at <paramref name="controlPage"/>.</summary>
    public static void WriteDebugIdt(Span<byte> data, RelocateRoutine routine, ulong controlPage)
    {
        ArgumentNullException.ThrowIfNull(routine);
        var idt = data.Slice(RelocateRoutine.DebugIdt);
        for (var v = 0; v < routine.DebugStubs.Count; v++)
        {
            var handler = controlPage + (ulong)routine.DebugStubs[v];
            var gate = idt.Slice(v * 16, 16);
            BitConverter.TryWriteBytes(gate, (ushort)handler);
            BitConverter.TryWriteBytes(gate.Slice(2), (ushort)0x10);
            gate[4] = 0;
            gate[5] = 0x8E;
            BitConverter.TryWriteBytes(gate.Slice(6), (ushort)(handler >> 16));
            BitConverter.TryWriteBytes(gate.Slice(8), (uint)(handler >> 32));
            BitConverter.TryWriteBytes(gate.Slice(12), 0u);
        }
    }

    private static void LoadSwapPage(Assembler a, RelocateBug bug, int d)
    {
        if (bug == RelocateBug.B3)
        {
            // The stale r10 of 6.14-rc: whatever page it held; here page 0.
            a.xor(r10d, r10d);
        }
        else
        {
            a.mov(r10, __qword_ptr[r8 + d + RelocateRoutine.PaSwapPage]);
        }
    }

    private static void EmitSwapPages(Assembler a, ref Label swapPages, Eras.EraTraits traits, RelocateBug bug)
    {
        var loop = a.CreateLabel();
        var notDestination = a.CreateLabel();
        var notIndirection = a.CreateLabel();
        var copy = a.CreateLabel();
        var advance = a.CreateLabel();
        var next = a.CreateLabel();
        var done = a.CreateLabel();
        a.Label(ref swapPages);
        a.mov(rcx, rdi);
        a.xor(r9d, r9d);
        a.xor(eax, eax);
        a.Label(ref loop);
        a.mov(rbx, rcx);
        a.and(rbx, -4096);
        a.test(cl, 1);
        a.jz(notDestination);
        a.mov(rax, rbx);
        a.jmp(next);
        a.Label(ref notDestination);
        a.test(cl, 2);
        a.jz(notIndirection);
        a.mov(r9, rbx);
        a.jmp(next);
        a.Label(ref notIndirection);
        a.test(cl, 4);
        a.jnz(done);
        a.test(cl, 8);
        a.jz(next);
        if (traits.OnlyJumpSwaps)
        {
            // Since 9e5683e2d0b5 only a kexec jump swaps; a plain kexec copies once.
            a.test(r11, r11);
            if (bug == RelocateBug.B2a)
            {
                a.jnz(copy);
            }
            else
            {
                a.jz(copy);
            }
        }

        CopyPage(a, r10, rbx);
        CopyPage(a, rbx, rax);
        CopyPage(a, rax, r10);
        a.jmp(advance);
        a.Label(ref copy);
        CopyPage(a, rax, rbx);
        a.Label(ref advance);
        a.add(rax, (int)PageSize);
        a.Label(ref next);
        a.mov(rcx, __qword_ptr[r9]);
        a.add(r9, 8);
        a.jmp(loop);
        a.Label(ref done);
        a.ret();
    }

    private static void CopyPage(Assembler a, AssemblerRegister64 destination, AssemblerRegister64 source)
    {
        a.mov(rdi, destination);
        a.mov(rsi, source);
        a.mov(ecx, 512);
        a.rep.movsq();
    }

    private static void WriteDebugGdt(Span<byte> gdt)
    {
        BitConverter.TryWriteBytes(gdt.Slice(0x08), 0x00CF_9A00_0000_FFFFUL);
        BitConverter.TryWriteBytes(gdt.Slice(0x10), 0x00AF_9A00_0000_FFFFUL);
        BitConverter.TryWriteBytes(gdt.Slice(0x18), 0x00CF_9200_0000_FFFFUL);
    }
}
