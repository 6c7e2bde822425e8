using static KjTest.Dsl.Tests.Images.AsmTestHelper;

namespace KjTest.Dsl.Tests.Images;

public class AssemblerDirectiveTests
{
    [Test]
    public void Short_jumps_reach_local_and_global_labels_in_both_directions()
    {
        var result = Assemble("start:\n    jmp .done\n    nop\n.done:\n    jmp start\n");

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(Hex(result.Bytes), Is.EqualTo("eb 01 90 eb fb"));
        Assert.That(result.Labels["start"], Is.EqualTo(0x1000UL));
        Assert.That(result.Labels["start.done"], Is.EqualTo(0x1003UL));
    }

    [Test]
    public void Forward_jump_beyond_rel8_range_uses_rel32()
    {
        var result = Assemble("jmp target\ntimes 200 nop\ntarget: ret");

        Assert.That(Hex(result.Bytes[..5]), Is.EqualTo("e9 c8 00 00 00"));
        Assert.That(result.Bytes, Has.Length.EqualTo(206));
        Assert.That(result.Labels["target"], Is.EqualTo(0x1000UL + 205));
    }

    [Test]
    public void Conditional_jump_and_call_to_forward_labels_encode_their_distances()
    {
        Assert.That(AssembleHex("jz far_label\ntimes 130 nop\nfar_label:")[..17], Is.EqualTo("0f 84 82 00 00 00"));
        Assert.That(AssembleHex("call f\nret\nf: ret"), Is.EqualTo("e8 01 00 00 00 c3 c3"));
        Assert.That(AssembleHex("again: loop again"), Is.EqualTo("e2 fe"));
        Assert.That(AssembleHex("jmp near next\nnext:"), Is.EqualTo("e9 00 00 00 00"));
    }

    [Test]
    public void Data_directives_emit_numbers_strings_and_label_values_little_endian()
    {
        Assert.That(AssembleHex("db 1, 2, 'AB', \"c\", -1"), Is.EqualTo("01 02 41 42 63 ff"));
        Assert.That(AssembleHex("dw 0x1234, 'A'"), Is.EqualTo("34 12 41 00"));
        Assert.That(AssembleHex("dd 0xdeadbeef"), Is.EqualTo("ef be ad de"));
        Assert.That(AssembleHex("dq -2"), Is.EqualTo("fe ff ff ff ff ff ff ff"));
        Assert.That(AssembleHex("here: dq here", origin: 0x123456789), Is.EqualTo("89 67 45 23 01 00 00 00"));
        Assert.That(AssembleHex("dd `abcde`"), Is.EqualTo("61 62 63 64 65 00 00 00"));
        Assert.That(AssembleHex("resb 3\nresw 1"), Is.EqualTo("00 00 00 00 00"));
    }

    [Test]
    public void Times_repeats_instructions_and_data()
    {
        Assert.That(AssembleHex("times 3 db 0xcc"), Is.EqualTo("cc cc cc"));
        Assert.That(AssembleHex("times 2 push rax"), Is.EqualTo("50 50"));
        Assert.That(AssembleHex("db 1\ntimes 8 - ($ - $$) db 0\ndb 2"), Is.EqualTo("01 00 00 00 00 00 00 00 02"));
    }

    [Test]
    public void Times_repeats_position_dependent_instructions_with_their_own_addresses()
    {
        Assert.That(AssembleHex("target:\ntimes 3 jmp target"), Is.EqualTo("eb fe eb fc eb fa"));
        Assert.That(AssembleHex("times 3 lea rax, [rel target]\ntarget:"), Is.EqualTo("48 8d 05 0e 00 00 00 48 8d 05 07 00 00 00 48 8d 05 00 00 00 00"));
        Assert.That(AssembleHex("times 3 mov eax, $"), Is.EqualTo("b8 00 10 00 00 b8 05 10 00 00 b8 0a 10 00 00"));
    }

    [Test]
    public void Large_times_of_an_instruction_is_fast_and_exact()
    {
        var result = Assemble("times 1000000 pause\nend:");

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Bytes, Has.Length.EqualTo(2000000));
        Assert.That(result.Labels["end"], Is.EqualTo(0x1000UL + 2000000));
        Assert.That(Hex(result.Bytes[^4..]), Is.EqualTo("f3 90 f3 90"));
    }

    [Test]
    public void Align_pads_to_the_boundary_with_nop_or_the_given_fill()
    {
        Assert.That(AssembleHex("db 1\nalign 4\ndb 2"), Is.EqualTo("01 90 90 90 02"));
        Assert.That(AssembleHex("db 1\nalign 4, 0\ndb 2"), Is.EqualTo("01 00 00 00 02"));
        Assert.That(AssembleHex("db 1, 2, 3, 4\nalign 4\ndb 5"), Is.EqualTo("01 02 03 04 05"));
        Assert.That(AssembleHex("align 8\ndb 9", origin: 0x1003), Is.EqualTo("90 90 90 90 90 09"));
    }

    [Test]
    public void Equ_constants_and_expressions_evaluate_with_nasm_precedence()
    {
        Assert.That(AssembleHex("PORT equ 0x3f8\nmov dx, PORT"), Is.EqualTo("66 ba f8 03"));
        Assert.That(AssembleHex("mov eax, (1 << 4) | 3"), Is.EqualTo("b8 13 00 00 00"));
        Assert.That(AssembleHex("mov eax, 1 + 2 * 3"), Is.EqualTo("b8 07 00 00 00"));
        Assert.That(AssembleHex("mov eax, ~0 & 0xff"), Is.EqualTo("b8 ff 00 00 00"));
        Assert.That(AssembleHex("mov eax, 10 / 3 + 10 % 3"), Is.EqualTo("b8 04 00 00 00"));
        Assert.That(AssembleHex("mov eax, -7 // 2"), Is.EqualTo("b8 fd ff ff ff"));
        Assert.That(AssembleHex("mov eax, 0x100 >> 4 ^ 1"), Is.EqualTo("b8 11 00 00 00"));
    }

    [Test]
    public void Label_differences_defined_later_are_resolved()
    {
        var result = Assemble("mov ecx, SIZE\nstart: db 1, 2, 3\nfinish:\nSIZE equ finish - start");

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(Hex(result.Bytes), Is.EqualTo("b9 03 00 00 00 01 02 03"));
        Assert.That(result.Labels, Does.Not.ContainKey("SIZE"));
    }

    [Test]
    public void Message_length_idiom_with_dollar_in_equ_works()
    {
        var text = """
            section .text
            global _start
            _start:
                mov edx, len
                lea rsi, [rel msg]
                ret
            msg: db "hello", 10
            len equ $ - msg
            """;

        Assert.That(AssembleHex(text), Is.EqualTo("ba 06 00 00 00 48 8d 35 01 00 00 00 c3 68 65 6c 6c 6f 0a"));
    }

    [Test]
    public void Forward_constant_that_fits_imm8_gets_the_short_form()
    {
        Assert.That(AssembleHex("add eax, SMALL\nSMALL equ 4"), Is.EqualTo("83 c0 04"));
    }

    [TestCase("mov eax, 0x10", "b8 10 00 00 00")]
    [TestCase("mov eax, 10h", "b8 10 00 00 00")]
    [TestCase("mov eax, 0b101", "b8 05 00 00 00")]
    [TestCase("mov eax, 101b", "b8 05 00 00 00")]
    [TestCase("mov eax, 1_000", "b8 e8 03 00 00")]
    [TestCase("mov eax, 0xffff_ffff", "b8 ff ff ff ff")]
    [TestCase("mov eax, 0o17", "b8 0f 00 00 00")]
    [TestCase("mov eax, 0ffh", "b8 ff 00 00 00")]
    [TestCase("mov al, 'A'", "b0 41")]
    [TestCase("mov eax, 'AB'", "b8 41 42 00 00")]
    public void Numbers_in_every_notation_are_accepted(string text, string expected) =>
        Assert.That(AssembleHex(text), Is.EqualTo(expected));

    [Test]
    public void Rel_and_default_rel_make_rip_relative_references()
    {
        Assert.That(AssembleHex("lea rax, [rel msg]\nmsg: db 0"), Is.EqualTo("48 8d 05 00 00 00 00 00"));
        Assert.That(AssembleHex("default rel\nmov eax, [msg]\nmsg: dd 0"), Is.EqualTo("8b 05 00 00 00 00 00 00 00 00"));
        Assert.That(AssembleHex("default rel\nmov eax, [fs:0x28]"), Is.EqualTo("64 8b 04 25 28 00 00 00"));
        Assert.That(AssembleHex("default rel\nmov eax, [abs 0x1000]"), Is.EqualTo("8b 04 25 00 10 00 00"));
    }

    [Test]
    public void Plain_label_reference_in_64_bit_code_is_absolute()
    {
        Assert.That(AssembleHex("mov eax, [data]\ndata: dd 0"), Is.EqualTo("8b 04 25 07 10 00 00 00 00 00 00"));
    }

    [Test]
    public void Scenario_symbols_are_visible_to_the_text()
    {
        var symbols = new Dictionary<string, ulong> { ["KERNEL"] = 0x200000 };

        var result = Assemble("mov rax, KERNEL + 8\njmp KERNEL", symbols: symbols);

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(Hex(result.Bytes), Is.EqualTo("b8 08 00 20 00 e9 f6 ef 1f 00"));
    }

    [Test]
    public void Bits_switches_the_mode_for_following_lines()
    {
        Assert.That(AssembleHex("bits 32\ninc eax\nbits 64\ninc eax\n[bits 32]\ninc eax"), Is.EqualTo("40 ff c0 40"));
    }

    [Test]
    public void Org_matching_the_load_address_is_accepted()
    {
        Assert.That(AssembleHex("org 0x1000\nstart: jmp start"), Is.EqualTo("eb fe"));
    }

    [Test]
    public void Local_labels_with_the_same_name_under_different_globals_do_not_clash()
    {
        var result = Assemble("a:\n.loop: jmp .loop\nb:\n.loop: jmp .loop\n jmp a.loop");

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(Hex(result.Bytes), Is.EqualTo("eb fe eb fe eb fa"));
        Assert.That(result.Labels.Keys, Is.EquivalentTo(new[] { "a", "a.loop", "b", "b.loop" }));
    }

    [Test]
    public void Comments_blank_lines_case_and_crlf_are_ignored()
    {
        Assert.That(AssembleHex("; comment\r\n\r\n  MOV EAX, EBX  # other comment\r\nstart: NOP ; trailing\r\n"), Is.EqualTo("89 d8 90"));
    }

    [Test]
    public void Objdump_intel_listing_lines_assemble()
    {
        var text = """
            push   rbp
            mov    rbp,rsp
            mov    QWORD PTR [rbp-0x8],rdi
            mov    eax,DWORD PTR [rip+0x2f0a]
            movzx  eax,BYTE PTR [rax]
            lea    rax,[rax*8+0x0]
            fstp   TBYTE PTR [rax]
            jmp    FWORD PTR [rax]
            pop    rbp
            ret
            """;

        Assert.That(
            AssembleHex(text),
            Is.EqualTo("55 48 89 e5 48 89 7d f8 8b 05 0a 2f 00 00 0f b6 00 48 8d 04 c5 00 00 00 00 db 38 ff 28 5d c3"));
    }
}
