using System.Reflection;
using static KjTest.Dsl.Tests.Images.AsmTestHelper;

namespace KjTest.Dsl.Tests.Images;

/// <summary>
/// Assembles the same text with NASM, whose syntax KjTest follows, and compares the bytes.
/// Skipped when NASM is not installed.
/// </summary>
public class AssemblerNasmCrossCheckTests
{
    private static readonly string[] Lines64 =
    [
        "mov dx, 0x3f8", "mov al, 0x42", "out dx, al", "ret",
        "mov rax, 1", "mov rax, -1", "mov rax, 0xffffffff", "mov rax, 0x80000000", "mov rax, 0x123456789", "mov r9, 7",
        "mov byte [rax], 1", "mov qword [rax+rcx*8+0x10], rdx", "mov eax, [rbp]", "mov eax, [r13]", "mov eax, [rsp+8]",
        "mov eax, [rcx*4]", "mov eax, [rax*3]", "mov eax, [eax]", "mov eax, [fs:rax]", "mov rax, [gs:0x28]", "mov eax, [0x1000]",
        "mov cr3, rax", "mov rax, cr0", "mov dr7, rax", "mov ds, ax", "mov ax, ds", "mov ss, [rax]", "movzx eax, byte [rax]",
        "movsx rax, word [rax]", "movsxd rax, dword [rax]", "push r12", "push 0x10", "push 0x1234", "push qword [rax]", "push fs",
        "pushfq", "popfq", "add eax, 1", "add eax, 0x1000", "add al, 1", "and eax, 0xfffffff0", "and rax, -16", "or byte [rax], 0x80",
        "test al, 1", "test rax, 1", "inc dword [rax]", "imul eax, ebx, 10", "shl eax, 1", "shl eax, 4", "sal eax, 4", "rol ax, 8",
        "xchg rax, rbx", "xchg ecx, eax", "lea rax, [rel next]", "in al, 0x60", "out 0xe9, al", "int 0x80", "int3", "iretq", "iret",
        "lgdt [rax]", "lidt [rax]", "ltr ax", "invlpg [rax]", "jmp rax", "jmp [rax]", "call rax", "jmp far [rax]", "call far [rax]",
        "jmp far qword [rax]", "retf", "ret 8", "syscall", "sysret", "o64 sysret", "cpuid", "rdmsr", "wrmsr", "rdtsc", "cqo",
        "rep movsq", "rep stosb", "repe cmpsb", "repne scasb", "xlatb", "lock inc dword [rax]", "lock cmpxchg [rdi], rcx",
        "cmovz eax, ebx", "setnz al", "movdqu xmm0, [rax]", "movdqa xmm0, oword [rax]", "pxor xmm0, xmm0", "movq xmm0, rax",
        "ldmxcsr [rax]", "fninit", "fldcw [rax]", "fld qword [rax]", "fld tword [rax]", "fstp tword [rax]", "fld st1", "fxch",
        "faddp", "fadd st0, st2", "fxsave [rax]", "xsave [rax]", "vmovdqu ymm0, [rax]", "vpxor xmm0, xmm1, xmm2",
        "next:", "jmp next", "jz .l", "loop next", ".l: call next", "times 3 nop", "align 16", "db 1, 'ab', 0", "dw 0x1234",
        "dd next - $$", "dq $", "K equ 0x40", "mov ecx, K * 2 + (1 << 3)", "default rel", "mov eax, [next]", "mov eax, [abs 0x10]",
    ];

    private static readonly string[] Lines32 =
    [
        "mov dx, 0x3f8", "mov al, 0x42", "out dx, al", "ret", "mov eax, [0x1000]", "mov ebx, [0x1000]", "mov eax, [ebx+ecx*4+8]",
        "mov eax, cr0", "mov ds, ax", "push 0x1234", "push dword [eax]", "inc eax", "pushad", "popf", "iret", "jmp 0x08:start",
        "jmp far [eax]", "retf", "lgdt [eax]", "rep movsd", "int 0x80", "fld qword [eax]", "start:", "jmp start", "call start",
        "jecxz start", "times 2 db 0x90", "align 4", "aam", "aad", "daa",
    ];

    private static void CrossCheck(string[] lines, int bitness)
    {
        var result = Assemble($"bits {bitness}\n" + string.Join("\n", lines), bitness, origin: 0);
        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(Hex(result.Bytes), Is.EqualTo(ExternalAssembler.Nasm(lines, bitness)));
    }

    [Test]
    public void Encodings_of_64_bit_text_match_nasm() => CrossCheck(Lines64, 64);

    [Test]
    public void Encodings_of_32_bit_text_match_nasm() => CrossCheck(Lines32, 32);

    /// <summary>
    /// The golden encodings of <see cref="AssemblerEncodingTests"/> that are in NASM's syntax; the
    /// others use objdump's forms (<c>ptr</c>, <c>[rip+disp]</c>, <c>st(1)</c>) or are lenient
    /// extensions (<c>push [rax]</c>, <c>sysretq</c>).
    /// </summary>
    [TestCase(nameof(AssemblerEncodingTests.Encodes_64_bit_instructions_like_nasm), 64)]
    [TestCase(nameof(AssemblerEncodingTests.Encodes_32_bit_instructions_like_nasm), 32)]
    public void Golden_encodings_agree_with_nasm(string method, int bitness)
    {
        var cases = typeof(AssemblerEncodingTests).GetMethod(method)!.GetCustomAttributes<TestCaseAttribute>()
            .Select(attribute => ((string)attribute.Arguments[0]!, (string)attribute.Arguments[1]!))
            .Where(c => !c.Item1.Contains("ptr", StringComparison.OrdinalIgnoreCase) && !c.Item1.Contains("rip", StringComparison.Ordinal)
                && !c.Item1.Contains("st(", StringComparison.Ordinal) && c.Item1 is not ("push [rax]" or "sysretq"))
            .ToList();
        Assert.That(cases, Has.Count.GreaterThan(20));
        foreach (var (text, expected) in cases)
        {
            Assert.That(ExternalAssembler.Nasm(["org 0x1000", text], bitness), Is.EqualTo(expected), text);
        }
    }
}
