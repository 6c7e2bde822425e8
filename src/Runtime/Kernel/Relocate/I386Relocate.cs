using Iced.Intel;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Kernel.Relocate;

/// <summary>
/// Generates the i386 <c>relocate_kernel</c> (reference 5.6, K27 data layout) as guest code: arguments on the stack,
/// the data area at control page + 2048 with 4-byte slots, paging turned off in <c>identity_mapped</c>, pages swapped
/// in physical mode with <c>rep movsl</c>, the image called with paging off and the stack at the top of the swap page
/// (nothing pushed: B4, never fixed on 32-bit), the re-entry point read at <c>0(%esp)</c> after the call, then paging
/// turned back on and <c>virtual_mapped</c> restoring CR4, CR3, CR0 and ESP.
/// </summary>
public static class I386Relocate
{
    /// <summary>Data slot of the saved ESP.</summary>
    public const int Esp = 0x00;

    /// <summary>Data slot of the saved CR0.</summary>
    public const int Cr0 = 0x04;

    /// <summary>Data slot of the saved CR3.</summary>
    public const int Cr3 = 0x08;

    /// <summary>Data slot of the saved CR4.</summary>
    public const int Cr4 = 0x0C;

    /// <summary>Data slot of the control page's virtual address.</summary>
    public const int VaControlPage = 0x10;

    /// <summary>Data slot of the page directory's physical address.</summary>
    public const int PaPgd = 0x14;

    /// <summary>Data slot of the swap page's physical address.</summary>
    public const int PaSwapPage = 0x18;

    /// <summary>Data slot of the indirection list head.</summary>
    public const int BackupPagesMap = 0x1C;

    /// <summary>Builds the routine with <paramref name="bug"/> (B2, B2a, B3 as on x86-64; B4 is the era's own behaviour).</summary>
    public static RelocateRoutine Build(RelocateBug bug)
    {
        // Assembling takes milliseconds and the result depends only on the bug; each caller gets its own bytes.
        var routine = Built.GetOrAdd(bug, Assemble);
        return routine with { Code = (byte[])routine.Code.Clone() };
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<RelocateBug, RelocateRoutine> Built = new();

    private static RelocateRoutine Assemble(RelocateBug bug)
    {
        const int d = RelocateRoutine.ControlCodeMaxSize;
        var a = new Assembler(32);
        var start = a.CreateLabel("relocate_kernel");
        var identityMapped = a.CreateLabel("identity_mapped");
        var kjump = a.CreateLabel("kjump");
        var jumpBack = a.CreateLabel("jump_back");
        var here = a.CreateLabel("here");
        var virtualMapped = a.CreateLabel("virtual_mapped");
        var swapPages = a.CreateLabel("swap_pages");

        a.Label(ref start);
        a.push(ebx);
        a.push(esi);
        a.push(edi);
        a.push(ebp);
        a.pushfd();

        // Arguments after the five pushes: head, page_list, start, has_pae, preserve_context.
        a.mov(ebp, __dword_ptr[esp + 28]);
        a.mov(edi, __dword_ptr[ebp + 4]);
        a.mov(__dword_ptr[edi + d + Esp], esp);
        a.mov(eax, cr0);
        a.mov(__dword_ptr[edi + d + Cr0], eax);
        a.mov(eax, cr3);
        a.mov(__dword_ptr[edi + d + Cr3], eax);
        a.mov(eax, cr4);
        a.mov(__dword_ptr[edi + d + Cr4], eax);
        a.mov(__dword_ptr[edi + d + VaControlPage], edi);
        a.mov(eax, __dword_ptr[ebp + 8]);
        a.mov(__dword_ptr[edi + d + PaPgd], eax);
        a.mov(eax, __dword_ptr[ebp + 12]);
        a.mov(__dword_ptr[edi + d + PaSwapPage], eax);
        a.mov(ebx, __dword_ptr[esp + 24]);
        a.mov(__dword_ptr[edi + d + BackupPagesMap], ebx);
        a.mov(ecx, __dword_ptr[esp + 40]);
        a.mov(edx, __dword_ptr[esp + 32]);
        a.push(0);
        a.popfd();

        // Stack and code at the control page's physical address (identity mapped).
        a.mov(edi, __dword_ptr[ebp]);
        a.lea(esp, __[edi + 4096]);
        a.mov(eax, edi);
        a.add(eax, __dword_ptr[edi + d + 0x40]);
        a.jmp(eax);

        a.Label(ref identityMapped);
        a.push(0);
        a.push(edx);
        a.mov(eax, cr0);
        a.and(eax, ~((1 << 31) | (1 << 18) | (1 << 16) | 8 | 4));
        a.or(eax, 1);
        a.mov(cr0, eax);
        a.xor(eax, eax);
        a.mov(cr4, eax);
        a.mov(cr3, eax);
        a.mov(esi, ecx);
        LoadSwapPage(a, bug, d);
        a.call(swapPages);
        a.test(esi, esi);
        a.jnz(kjump);
        a.xor(eax, eax);
        a.xor(ebx, ebx);
        a.xor(ecx, ecx);
        a.xor(edx, edx);
        a.xor(esi, esi);
        a.xor(edi, edi);
        a.xor(ebp, ebp);
        a.ret();

        a.Label(ref kjump);
        a.pop(edx);
        a.mov(esp, __dword_ptr[edi + d + PaSwapPage]);
        a.add(esp, 4096);
        a.call(edx);
        a.Label(ref jumpBack);
        a.mov(ebp, __dword_ptr[esp]);
        a.call(here);
        a.Label(ref here);
        a.pop(edi);
        a.and(edi, -4096);
        a.lea(esp, __[edi + 4096]);
        a.mov(ebx, __dword_ptr[edi + d + BackupPagesMap]);
        a.mov(esi, bug == RelocateBug.B2 ? 0 : 1);
        LoadSwapPage(a, bug, d);
        a.call(swapPages);
        a.mov(eax, __dword_ptr[edi + d + PaPgd]);
        a.mov(cr3, eax);
        a.mov(eax, cr0);
        a.or(eax, 1 << 31);
        a.mov(cr0, eax);
        a.mov(eax, __dword_ptr[edi + d + VaControlPage]);
        a.add(eax, __dword_ptr[edi + d + 0x44]);
        a.jmp(eax);

        a.Label(ref virtualMapped);
        var afterCall = a.CreateLabel("after_call");
        a.call(afterCall);
        a.Label(ref afterCall);
        a.pop(edi);
        a.and(edi, -4096);
        a.mov(eax, __dword_ptr[edi + d + Cr4]);
        a.mov(cr4, eax);
        a.mov(eax, __dword_ptr[edi + d + Cr3]);
        a.mov(cr3, eax);
        a.mov(eax, __dword_ptr[edi + d + Cr0]);
        a.mov(cr0, eax);
        a.mov(esp, __dword_ptr[edi + d + Esp]);
        a.mov(eax, ebp);
        a.popfd();
        a.pop(ebp);
        a.pop(edi);
        a.pop(esi);
        a.pop(ebx);
        a.ret();

        EmitSwapPages(a, ref swapPages, bug);

        using var stream = new MemoryStream();
        var result = a.Assemble(new StreamCodeWriter(stream), 0, BlockEncoderOptions.ReturnNewInstructionOffsets);
        var code = stream.ToArray();
        var page = new byte[d + RelocateRoutine.DataSize];
        code.CopyTo(page, 0);

        // Offsets of identity_mapped and virtual_mapped for the computed jumps.
        BitConverter.TryWriteBytes(page.AsSpan(d + 0x40), (uint)result.GetLabelRIP(identityMapped));
        BitConverter.TryWriteBytes(page.AsSpan(d + 0x44), (uint)result.GetLabelRIP(virtualMapped));
        return new RelocateRoutine(page, (int)result.GetLabelRIP(jumpBack), d, [])
        {
            Labels = CodeLabel.Of(result, start, identityMapped, kjump, jumpBack, virtualMapped, swapPages),
        };
    }

    private static void LoadSwapPage(Assembler a, RelocateBug bug, int d)
    {
        if (bug == RelocateBug.B3)
        {
            a.xor(ecx, ecx);
        }
        else
        {
            a.mov(ecx, __dword_ptr[edi + d + PaSwapPage]);
        }

        a.mov(__dword_ptr[edi + d + 0x48], ecx);
    }

    private static void EmitSwapPages(Assembler a, ref Label swapPages, RelocateBug bug)
    {
        const int d = RelocateRoutine.ControlCodeMaxSize;
        var loop = a.CreateLabel();
        var notDestination = a.CreateLabel();
        var notIndirection = a.CreateLabel();
        var copy = a.CreateLabel();
        var advance = a.CreateLabel();
        var next = a.CreateLabel();
        var done = a.CreateLabel();

        // In: ebx = head, esi = preserve flag, edi = control page. Uses eax (destination), edx (pointer), ebp is kept.
        a.Label(ref swapPages);
        a.push(ebp);
        a.push(edi);
        a.mov(ebp, edi);
        a.mov(ecx, ebx);
        a.xor(edx, edx);
        a.xor(eax, eax);
        a.Label(ref loop);
        a.mov(ebx, ecx);
        a.and(ebx, -4096);
        a.test(cl, 1);
        a.jz(notDestination);
        a.mov(eax, ebx);
        a.jmp(next);
        a.Label(ref notDestination);
        a.test(cl, 2);
        a.jz(notIndirection);
        a.mov(edx, ebx);
        a.jmp(next);
        a.Label(ref notIndirection);
        a.test(cl, 4);
        a.jnz(done);
        a.test(cl, 8);
        a.jz(next);
        if (bug == RelocateBug.B2 || bug == RelocateBug.B2a)
        {
            a.test(esi, esi);
            if (bug == RelocateBug.B2a)
            {
                a.jnz(copy);
            }
            else
            {
                a.jz(copy);
            }
        }

        CopyPageToSwap(a, ebx, ebp, d);
        CopyPageRegs(a, ebx, eax);
        CopyPageFromSwap(a, eax, ebp, d);
        a.jmp(advance);
        a.Label(ref copy);
        CopyPageRegs(a, eax, ebx);
        a.Label(ref advance);
        a.add(eax, 4096);
        a.Label(ref next);
        a.mov(ecx, __dword_ptr[edx]);
        a.add(edx, 4);
        a.jmp(loop);
        a.Label(ref done);
        a.pop(edi);
        a.pop(ebp);
        a.ret();
    }

    private static void CopyPageToSwap(Assembler a, AssemblerRegister32 source, AssemblerRegister32 controlPage, int d)
    {
        a.push(esi);
        a.mov(edi, __dword_ptr[controlPage + d + 0x48]);
        a.mov(esi, source);
        a.mov(ecx, 1024);
        a.rep.movsd();
        a.pop(esi);
    }

    private static void CopyPageRegs(Assembler a, AssemblerRegister32 destination, AssemblerRegister32 source)
    {
        a.push(esi);
        a.mov(edi, destination);
        a.mov(esi, source);
        a.mov(ecx, 1024);
        a.rep.movsd();
        a.pop(esi);
    }

    private static void CopyPageFromSwap(Assembler a, AssemblerRegister32 destination, AssemblerRegister32 controlPage, int d)
    {
        a.push(esi);
        a.mov(edi, destination);
        a.mov(esi, __dword_ptr[controlPage + d + 0x48]);
        a.mov(ecx, 1024);
        a.rep.movsd();
        a.pop(esi);
    }
}
