using static KjTest.Dsl.Tests.Images.AsmTestHelper;

namespace KjTest.Dsl.Tests.Images;

public class AssemblerSyntaxVariantTests
{
    [Test]
    public void Objdump_branch_targets_with_symbol_annotations_are_hex_addresses()
    {
        Assert.That(AssembleHex("call   1005 <foo>\njmp    100a <bar+0x2>", origin: 0x1000), Is.EqualTo("e8 00 00 00 00 eb 03"));
    }

    [TestCase("rep stos QWORD PTR es:[rdi],rax", "f3 48 ab")]
    [TestCase("rep movs BYTE PTR es:[rdi],BYTE PTR ds:[rsi]", "f3 a4")]
    [TestCase("lods eax,DWORD PTR ds:[rsi]", "ad")]
    [TestCase("repz cmps BYTE PTR ds:[rsi],BYTE PTR es:[rdi]", "f3 a6")]
    [TestCase("repnz scas al,BYTE PTR es:[rdi]", "f2 ae")]
    [TestCase("outs dx,BYTE PTR ds:[rsi]", "6e")]
    [TestCase("ins DWORD PTR es:[rdi],dx", "6d")]
    [TestCase("movs QWORD PTR es:[rdi],QWORD PTR fs:[rsi]", "64 48 a5")]
    public void Objdump_string_instructions_with_written_operands_take_the_sized_form(string text, string expected) =>
        Assert.That(AssembleHex(text), Is.EqualTo(expected));

    [TestCase("movabs rax, 0x1234", "48 b8 34 12 00 00 00 00 00 00")]
    [TestCase("movabs rax, 0xffffffff", "48 b8 ff ff ff ff 00 00 00 00")]
    [TestCase("movabs al, ds:0x1122334455667788", "a0 88 77 66 55 44 33 22 11")]
    [TestCase("movabs [0x1122334455667788], eax", "a3 88 77 66 55 44 33 22 11")]
    public void Movabs_forces_the_64_bit_immediate_or_address(string text, string expected) =>
        Assert.That(AssembleHex(text), Is.EqualTo(expected));

    [TestCase("mov rax, 0xffffffff", "b8 ff ff ff ff")]
    [TestCase("mov rax, -1", "48 c7 c0 ff ff ff ff")]
    [TestCase("mov rax, 0x100000000", "48 b8 00 00 00 00 01 00 00 00")]
    public void Mov_r64_imm_takes_the_shortest_form_with_the_same_result_as_nasm_does(string text, string expected) =>
        Assert.That(AssembleHex(text), Is.EqualTo(expected));

    [Test]
    public void String_instruction_with_other_addresses_is_a_bad_memory_operand()
    {
        var result = Assemble("stos BYTE PTR es:[rax],al");

        Assert.That(result.Diagnostics.Single().Id, Is.EqualTo("KJ1406"));
    }

    [Test]
    public void Code_at_a_higher_half_kernel_address_uses_sign_extended_forms()
    {
        const ulong Origin = 0xffffffff81000000;

        var result = Assemble("start:\n mov rax, start\n mov eax, [start]\n jmp start\n dq start", origin: Origin);

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(
            Hex(result.Bytes),
            Is.EqualTo("48 c7 c0 00 00 00 81 8b 04 25 00 00 00 81 eb f0 00 00 00 81 ff ff ff ff"));
    }

    [Test]
    public void Forward_references_at_a_higher_half_address_settle()
    {
        var result = Assemble("lea rax, [rel data]\njmp done\ndata: dq 0\ndone: ret", origin: 0xffffffff81000000);

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(Hex(result.Bytes), Is.EqualTo("48 8d 05 02 00 00 00 eb 08 00 00 00 00 00 00 00 00 c3"));
        Assert.That(result.Labels["done"], Is.EqualTo(0xffffffff81000011UL));
    }

    [Test]
    public void Far_jump_to_a_label_in_32_bit_code_uses_the_pointer_form()
    {
        Assert.That(AssembleHex("jmp 0x08:start32\nstart32: hlt", bitness: 32, origin: 0x7c00), Is.EqualTo("ea 07 7c 00 00 08 00 f4"));
    }

    [Test]
    public void Label_arithmetic_combines_labels_constants_and_the_current_address()
    {
        var text = """
            header:
                dd end - header
                dw (end - header) / 4, end - $
                db $ - $$
            table:
                dq table + 8 * 2
            end:
            """;

        Assert.That(AssembleHex(text, origin: 0x2000), Is.EqualTo("11 00 00 00 04 00 0d 00 08 19 20 00 00 00 00 00 00"));
    }

    [Test]
    public void Nasm_size_keywords_work_with_and_without_ptr()
    {
        Assert.That(AssembleHex("mov byte [rax], 1\nmov byte ptr [rax], 1\nmov BYTE PTR [rax], 1"), Is.EqualTo("c6 00 01 c6 00 01 c6 00 01"));
        Assert.That(AssembleHex("movdqa xmm0, xmmword ptr [rax]\nmovdqa xmm0, oword [rax]"), Is.EqualTo("66 0f 6f 00 66 0f 6f 00"));
    }

    [Test]
    public void Segment_override_may_be_written_inside_or_outside_the_brackets()
    {
        Assert.That(AssembleHex("mov rax, gs:[0x10]\nmov rax, [gs:0x10]\nmov rax, qword ptr gs:0x10"), Is.EqualTo(string.Join(" ", Enumerable.Repeat("65 48 8b 04 25 10 00 00 00", 3))));
    }

    [Test]
    public void Kexec_jump_routine_assembles_identically_in_both_modes()
    {
        const string Routine = "mov dx, 0x3f8\nmov al, 0x42\nout dx, al\nret";

        Assert.That(AssembleHex(Routine, 64), Is.EqualTo("66 ba f8 03 b0 42 ee c3"));
        Assert.That(AssembleHex(Routine, 32), Is.EqualTo("66 ba f8 03 b0 42 ee c3"));
    }

    [Test]
    public void Short_and_near_keywords_choose_the_branch_size()
    {
        Assert.That(AssembleHex("jmp short next\nnext:"), Is.EqualTo("eb 00"));
        Assert.That(AssembleHex("jnz near next\nnext:"), Is.EqualTo("0f 85 00 00 00 00"));
        Assert.That(AssembleHex("back: jmp back"), Is.EqualTo("eb fe"));
    }
}
