using Iced.Intel;
using static KjTest.Dsl.Tests.Images.AsmTestHelper;

namespace KjTest.Dsl.Tests.Images;

public class AssemblerRoundTripTests
{
    private const string Program = """
        start:
            cli
            mov rax, cr0
            or eax, 0x10
            mov cr0, rax
            lgdt [rel gdt_pointer]
            mov ax, 0x10
            mov ds, ax
            mov rsp, 0x90000
            lea rsi, [rbx + rcx*8 + 0x40]
            mov qword [rsi - 8], rdx
            xor ecx, ecx
        .loop:
            in al, 0x60
            test al, 1
            jz .loop
            inc ecx
            cmp ecx, 100
            jb .loop
            mov ecx, 0xc0000080
            rdmsr
            or eax, 1 << 8
            wrmsr
            movdqu xmm0, [rax]
            pxor xmm1, xmm1
            fninit
            fld qword [rax + 8]
            fstp tword [rax]
            rep movsq
            lock xadd [rdi], eax
            call start
            ret 16
        gdt_pointer:
            dw 0x17
            dq 0x1000
        """;

    private static List<Instruction> Decode(byte[] code, ulong origin, int count)
    {
        var decoder = Iced.Intel.Decoder.Create(64, new ByteArrayCodeReader(code));
        decoder.IP = origin;
        var instructions = new List<Instruction>();
        for (var i = 0; i < count; i++)
        {
            instructions.Add(decoder.Decode());
        }

        return instructions;
    }

    [Test]
    public void Decoding_the_output_gives_back_the_written_instructions()
    {
        var result = Assemble(Program);
        Assert.That(result.Diagnostics, Is.Empty);
        var instructions = Decode(result.Bytes, 0x1000, 30);
        var formatter = new NasmFormatter();
        formatter.Options.HexPrefix = "0x";
        formatter.Options.HexSuffix = "";
        formatter.Options.SpaceAfterOperandSeparator = true;
        formatter.Options.ShowBranchSize = false;
        formatter.Options.RipRelativeAddresses = false;
        formatter.Options.UppercaseHex = false;
        formatter.Options.BranchLeadingZeros = false;
        var text = instructions.Select(i =>
        {
            var output = new StringOutput();
            formatter.Format(i, output);
            return output.ToStringAndReset();
        }).ToList();

        Assert.That(text, Is.EqualTo(new[]
        {
            "cli", "mov rax, cr0", "or eax, 0x10", "mov cr0, rax", "lgdt [rel 0x1060]", "mov ax, 0x10", "mov ds, eax",
            "mov esp, 0x90000", "lea rsi, [rbx+rcx*8+0x40]", "mov [rsi-8], rdx", "xor ecx, ecx", "in al, 0x60", "test al, 1",
            "je 0x1027", "inc ecx", "cmp ecx, 0x64", "jb 0x1027", "mov ecx, 0xc0000080", "rdmsr", "or eax, 0x100", "wrmsr",
            "movdqu xmm0, [rax]", "pxor xmm1, xmm1", "fninit", "fld qword [rax+8]", "fstp tword [rax]", "rep movsq",
            "lock xadd [rdi], eax", "call 0x1000", "ret 0x10",
        }));
        Assert.That(result.Labels["gdt_pointer"], Is.EqualTo(0x1060UL));
        Assert.That(Hex(result.Bytes[^10..]), Is.EqualTo("17 00 00 10 00 00 00 00 00 00"));
    }

    [TestCase(64)]
    [TestCase(32)]
    public void Reassembling_iced_formatter_output_reproduces_the_bytes(int bitness)
    {
        var lines = bitness == 64
            ? new[]
            {
                "mov rax, [rbx+rcx*4+0x12345]", "add qword [rsp+8], -1", "movzx ecx, word [rsi]", "shl r9, 7", "imul r10, r11, 300",
                "push r15", "pop qword [rax]", "xchg [rbx], cl", "cmpxchg16b [rdi]", "movaps [rsp+0x20], xmm6", "fstp st(3)", "fxch st(2)",
                "sar byte [rax], 1", "setg r8b", "bsr rax, [rcx]", "ltr word [rax]", "out dx, ax", "in eax, 0x40", "int 0x21",
                "mov gs, [rbx]", "sysretq", "xsaveopt [rax]", "movsb", "cmpsq", "stosd",
            }
            : new[]
            {
                "mov eax, [ebx+ecx*4+0x12345]", "add dword [esp+8], -1", "movzx ecx, word [esi]", "push 0x1234", "pushfd", "popad",
                "mov ss, ax", "lgdt [eax]", "jmp far [ebx]", "call far [ebx]", "les eax, [ebx]", "aam", "daa", "into", "bound eax, [ecx]",
            };
        var original = AssembleHex(string.Join("\n", lines), bitness);
        var bytes = Convert.FromHexString(original.Replace(" ", "", StringComparison.Ordinal));
        var decoder = Iced.Intel.Decoder.Create(bitness, new ByteArrayCodeReader(bytes));
        decoder.IP = 0x1000;
        var formatter = new NasmFormatter();
        var formatted = new List<string>();
        while (decoder.IP < 0x1000UL + (ulong)bytes.Length)
        {
            var output = new StringOutput();
            formatter.Format(decoder.Decode(), output);
            formatted.Add(output.ToStringAndReset());
        }

        Assert.That(formatted, Has.Count.EqualTo(lines.Length));
        Assert.That(AssembleHex(string.Join("\n", formatted), bitness), Is.EqualTo(original), string.Join("\n", formatted));
    }
}
