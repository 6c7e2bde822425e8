using static KjTest.Dsl.Tests.Images.AsmTestHelper;

namespace KjTest.Dsl.Tests.Images;

/// <summary>
/// Assembles the same lines with GNU as (binutils) and compares the bytes. Skipped when binutils is
/// not installed. The lines use the syntax both accept (<c>ptr</c> after size keywords). Left out on
/// purpose: <c>mov r64, imm</c> with a value that fits 32 unsigned bits, which KjTest encodes as NASM
/// does (<c>mov r32, imm32</c>) and GNU as does not.
/// </summary>
public class AssemblerBinutilsCrossCheckTests
{
    private static readonly string[] Lines64 =
    [
        "mov dx, 0x3f8", "mov al, 0x42", "out dx, al", "ret",
        "mov rax, rbx", "mov eax, ebx", "mov rax, -1", "mov rax, 0x123456789", "mov r8, r15", "mov r8d, 5", "mov sil, 1",
        "mov byte ptr [rax], 1", "mov qword ptr [rax+rcx*8+0x10], rdx", "mov eax, dword ptr [rbp]", "mov eax, dword ptr [r13]",
        "mov eax, dword ptr [rsp+8]", "mov eax, dword ptr [rax-8]", "mov eax, dword ptr [rax+0x1000]", "mov eax, dword ptr [rcx*4]",
        "mov eax, dword ptr fs:[rax]", "mov eax, dword ptr [rip+0x10]", "mov cr3, rax", "mov rax, cr0", "mov dr7, rax", "mov ds, ax",
        "mov ax, ds", "movzx eax, byte ptr [rax]", "movsx rax, word ptr [rax]", "movsxd rax, dword ptr [rax]",
        "push rbp", "push r12", "pop rbp", "push 0x10", "push 0x1234", "push qword ptr [rax]", "push fs", "pushfq", "popfq",
        "add eax, 1", "add eax, 0x1000", "add al, 1", "add rsp, 8", "sub rsp, 0x100", "and eax, 0xfffffff0", "and rax, -16",
        "or byte ptr [rax], 0x80", "xor eax, eax", "cmp rax, rbx", "cmp byte ptr [rax], 0", "test al, 1", "test eax, eax",
        "inc dword ptr [rax]", "dec rcx", "neg rax", "not eax", "imul eax, ebx, 10", "imul rax, rbx", "mul rcx", "div rcx",
        "shl eax, 1", "shl eax, 4", "shr rax, cl", "sar edx, 31", "rol ax, 8", "xchg rax, rbx", "lea rax, [rip+0x100]",
        "lea rsi, [rbx+rcx*2+4]", "in al, dx", "in al, 0x60", "out 0xe9, al", "int 0x80", "int3", "iretq", "hlt", "cli", "sti",
        "nop", "pause", "lgdt [rax]", "lidt [rax]", "ltr ax", "invlpg [rax]", "jmp rax", "jmp qword ptr [rax]", "call rax",
        "jmp fword ptr [rax]", "ret 8", "syscall", "sysretq", "swapgs", "cpuid", "rdmsr", "wrmsr", "rdtsc", "wbinvd", "ud2", "cld",
        "cqo", "rep movsq", "rep movsb", "rep stosb", "rep stosq", "repe cmpsb", "repne scasb", "lodsb", "xlatb",
        "lock inc dword ptr [rax]", "lock cmpxchg [rdi], rcx", "lock xadd [rax], ebx", "cmove eax, ebx", "cmovz eax, ebx",
        "sete al", "setnz al", "bt eax, 3", "bswap eax", "movdqu xmm0, [rax]", "movdqu [rax], xmm8", "movaps xmm1, xmm2",
        "movdqa xmm0, xmmword ptr [rax]", "pxor xmm0, xmm0", "movq xmm0, rax", "movd xmm0, eax", "ldmxcsr dword ptr [rax]",
        "stmxcsr dword ptr [rsp]", "fninit", "fldcw word ptr [rax]", "fnstcw word ptr [rax]", "fld qword ptr [rax]",
        "fld dword ptr [rax]", "fld tbyte ptr [rax]", "fstp tbyte ptr [rax]", "fld st(1)", "fld1", "fxsave [rax]", "fxrstor [rax]",
        "fxsave64 [rax]", "xsave [rax]", "xrstor [rax]", "xgetbv", "vmovdqu ymm0, [rax]", "vpxor xmm0, xmm1, xmm2",
        "mov rax, qword ptr [rbx+r12*4-0x80]", "add qword ptr [r9+0x7f], 0x7f", "add qword ptr [r9+0x80], 0x80",
        "sub dword ptr [rip+0x1000], -128", "movzx r11d, byte ptr [r14+r15]", "lea r8, [r9+r10*8]", "shl qword ptr [rdi], cl",
        "cmpxchg16b xmmword ptr [rdi]", "enter 16, 0", "leave", "cwde", "cdqe", "cdq", "stc", "clc", "cmc", "int1", "lahf", "sahf",
        "test rax, 1", "movabs rax, 0x1234", "push ax", "mov rax, qword ptr ds:0x12345678",
        "rep stos qword ptr es:[rdi], rax", "call qword ptr [rip+0x10]", "movss xmm1, dword ptr [rax]", "cvtsi2sd xmm0, rax",
        "addsd xmm0, qword ptr [rsp+8]", "vmovaps ymm1, ymmword ptr [rcx+32]", "vaddps ymm0, ymm1, ymm2", "prefetcht0 byte ptr [rax]",
        "clflush byte ptr [rax]", "mfence", "lfence", "sfence", "rdtscp", "rdrand rax", "popcnt rax, rbx", "lzcnt eax, ecx",
        "tzcnt rax, qword ptr [rdx]", "crc32 eax, byte ptr [rsi]", "bsf ecx, edx", "btr qword ptr [rax], 5", "shld eax, ebx, 4",
        "shrd rax, rbx, cl", "adc eax, 0x12345", "sbb al, 0xff", "xchg eax, ecx", "xchg ecx, eax", "mov r12b, byte ptr [r13+r14*2]",
        "l1: jmp l1", "jnz l2", "nop", "l2: loop l1", "jrcxz l1", "call l1", "jmp l3", "jle l3", "l3: ret",
    ];

    private static readonly string[] Lines32 =
    [
        "mov dx, 0x3f8", "mov al, 0x42", "out dx, al", "ret", "mov eax, 1", "mov ebx, dword ptr ds:0x1000",
        "mov eax, dword ptr [ebx+ecx*4+8]", "mov eax, cr0", "mov cr0, eax", "mov ds, ax", "push 0x1234", "push ebp",
        "push dword ptr [eax]", "inc eax", "dec ecx", "pushad", "popfd", "iretd", "jmp 0x08:0x1234", "jmp fword ptr [eax]", "lgdt [eax]",
        "rep movsd", "rep stosb", "int 0x80", "add esp, 4", "fld qword ptr [eax]", "lea esi, [esi*2+esi]", "movzx eax, word ptr [ebp-2]",
        "imul ecx, dword ptr [esp+4], 1000", "sysenter", "aam", "daa",
        "m1: jmp m1", "jecxz m1", "loop m1", "call m1", "jmp m2", "nop", "m2: ret", "jmp 0x10:m1", "mov eax, dword ptr ds:m2",
    ];

    private static void CrossCheck(string[] lines, int bitness)
    {
        var ours = AssembleHex(string.Join("\n", lines), bitness, origin: 0);
        if (ours == ExternalAssembler.Gnu(lines, bitness))
        {
            return;
        }

        var differences = lines
            .Select(line => (Line: line, Ours: AssembleHex(line, bitness, origin: 0), Theirs: ExternalAssembler.Gnu([line], bitness)))
            .Where(x => x.Ours != x.Theirs)
            .Select(x => $"{x.Line}: ours {x.Ours}, as {x.Theirs}");
        Assert.Fail("encodings differ from GNU as:\n" + string.Join("\n", differences));
    }

    [Test]
    public void Encodings_of_64_bit_lines_match_gnu_as() => CrossCheck(Lines64, 64);

    [Test]
    public void Encodings_of_32_bit_lines_match_gnu_as() => CrossCheck(Lines32, 32);
}
