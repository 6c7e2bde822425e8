using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Images;
using static KjTest.Dsl.Tests.Images.AsmTestHelper;

namespace KjTest.Dsl.Tests.Images;

public class AssemblerDiagnosticTests
{
    private static Diagnostic Single(string text, int bitness = 64, ulong origin = 0x1000)
    {
        var result = Assemble(text, bitness, origin);
        Assert.That(result.Diagnostics, Has.Count.EqualTo(1), () => string.Join("\n", result.Diagnostics));
        Assert.That(result.Succeeded, Is.False);
        return result.Diagnostics[0];
    }

    private static void AssertAt(Diagnostic diagnostic, string id, int line, int column, int length)
    {
        Assert.Multiple(() =>
        {
            Assert.That(diagnostic.Id, Is.EqualTo(id), diagnostic.ToString());
            Assert.That(diagnostic.Span.Line, Is.EqualTo(line), diagnostic.ToString());
            Assert.That(diagnostic.Span.Column, Is.EqualTo(column), diagnostic.ToString());
            Assert.That(diagnostic.Span.Length, Is.EqualTo(length), diagnostic.ToString());
        });
    }

    [Test]
    public void Unknown_mnemonic_is_reported_with_a_did_you_mean_hint()
    {
        var diagnostic = Single("nop\n  movv eax, 1");

        AssertAt(diagnostic, "KJ1401", 2, 3, 4);
        Assert.That(diagnostic.Hint, Is.EqualTo("did you mean `mov`?"));
    }

    [Test]
    public void Unknown_mnemonic_after_a_prefix_points_at_the_mnemonic()
    {
        AssertAt(Single("rep movsx"), "KJ1402", 1, 5, 5);
        AssertAt(Single("rep stosz"), "KJ1401", 1, 5, 5);
    }

    [Test]
    public void Operands_that_fit_no_form_list_the_existing_forms()
    {
        var diagnostic = Single("mov eax, rbx");

        AssertAt(diagnostic, "KJ1402", 1, 5, 8);
        Assert.That(diagnostic.Message, Is.EqualTo("no form of 'mov' takes operands (r32, r64)"));
        Assert.That(diagnostic.Hint, Does.Contain("MOV r/m32, r32"));
    }

    [Test]
    public void Far_pointer_jump_does_not_exist_in_64_bit_code()
    {
        AssertAt(Single("jmp 0x08:0x1000"), "KJ1402", 1, 5, 11);
    }

    [Test]
    public void Undefined_label_is_reported_with_a_hint()
    {
        var diagnostic = Single("jmp strat\nstart:");

        AssertAt(diagnostic, "KJ1403", 1, 5, 5);
        Assert.That(diagnostic.Hint, Is.EqualTo("did you mean `start`?"));
    }

    [Test]
    public void Undefined_local_label_is_named_and_suggested_as_written()
    {
        var diagnostic = Single("start:\n.loop: nop\n jnz .lop\nother:\n.lap: nop");

        AssertAt(diagnostic, "KJ1403", 3, 6, 4);
        Assert.That(diagnostic.Message, Is.EqualTo("undefined symbol '.lop'"));
        Assert.That(diagnostic.Hint, Is.EqualTo("did you mean `.loop`?"));
    }

    [Test]
    public void Undefined_label_inside_a_memory_operand_is_reported()
    {
        AssertAt(Single("mov eax, [rbx + missing*2]"), "KJ1403", 1, 17, 7);
    }

    [Test]
    public void Duplicate_label_is_reported_at_the_second_definition()
    {
        var diagnostic = Single("a: nop\nnop\n a: nop");

        AssertAt(diagnostic, "KJ1404", 3, 2, 1);
        Assert.That(diagnostic.Hint, Is.EqualTo("first defined on line 1"));
    }

    [Test]
    public void Label_named_like_a_scenario_symbol_is_a_duplicate()
    {
        var result = Assemble("KERNEL: nop", symbols: new Dictionary<string, ulong> { ["KERNEL"] = 1 });

        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "KJ1404" }));
    }

    [TestCase("mov al, 300", 1, 9, 3)]
    [TestCase("add rax, 0x100000000", 1, 10, 11)]
    [TestCase("out 0x100, al", 1, 5, 5)]
    [TestCase("db 1, 256", 1, 7, 3)]
    [TestCase("dw 0x10000", 1, 4, 7)]
    [TestCase("ret 0x10000", 1, 5, 7)]
    [TestCase("mov eax, [rax + 0x80000000]", 1, 10, 18)]
    [TestCase("mov eax, [0x100000000]", 1, 11, 11)]
    public void Value_out_of_range_points_at_the_value(string text, int line, int column, int length) =>
        AssertAt(Single(text), "KJ1405", line, column, length);

    [TestCase("mov eax, [rax+rbx+rcx]")]
    [TestCase("mov eax, [rax*3+rbx]")]
    [TestCase("mov eax, [ax]")]
    [TestCase("mov eax, [rax+ecx]")]
    [TestCase("mov eax, [rsp*2]")]
    [TestCase("mov eax, [rip+rax]")]
    [TestCase("mov eax, [rbx+rax*0x100000002]")]
    [TestCase("mov eax, [rax*-1]")]
    [TestCase("mov eax, [rel rax]")]
    public void Bad_memory_operands_are_reported_over_the_operand(string text) =>
        AssertAt(Single(text), "KJ1406", 1, 10, text.Length - 9);

    [Test]
    public void Registers_of_64_bit_code_are_rejected_in_32_bit_code()
    {
        AssertAt(Single("mov r8d, 1", bitness: 32), "KJ1407", 1, 5, 3);
        AssertAt(Single("push rax", bitness: 32), "KJ1407", 1, 6, 3);
        AssertAt(Single("mov eax, [rbx]", bitness: 32), "KJ1407", 1, 11, 3);
        AssertAt(Single("mov sil, 1", bitness: 32), "KJ1407", 1, 5, 3);
    }

    [TestCase("mov eax, [rax", 1, 14, 0)]
    [TestCase("mov eax, 1 2", 1, 12, 1)]
    [TestCase("mov eax,", 1, 9, 0)]
    [TestCase("mov eax, 12x", 1, 10, 3)]
    [TestCase("db 'abc", 1, 4, 4)]
    [TestCase("mov eax, 1 @", 1, 12, 1)]
    [TestCase("123", 1, 1, 3)]
    public void Syntax_errors_point_at_the_offending_token(string text, int line, int column, int length) =>
        AssertAt(Single(text), "KJ1408", line, column, length);

    [Test]
    public void Memory_operand_without_size_is_ambiguous_when_several_sizes_fit()
    {
        AssertAt(Single("mov [rax], 1"), "KJ1409", 1, 5, 5);
        AssertAt(Single("inc [rax]"), "KJ1409", 1, 5, 5);
    }

    [TestCase("mov eax, 1/0", 1, 10, 3)]
    [TestCase("mov eax, rax+1", 1, 10, 5)]
    [TestCase("mov eax, [rax*rbx]", 1, 11, 7)]
    [TestCase("times rcx nop", 1, 7, 3)]
    public void Bad_expressions_are_reported(string text, int line, int column, int length) =>
        AssertAt(Single(text), "KJ1410", line, column, length);

    [Test]
    public void Local_label_before_any_global_label_is_reported()
    {
        AssertAt(Single(".x: nop"), "KJ1411", 1, 1, 2);
    }

    [Test]
    public void Short_jump_too_far_cannot_be_encoded()
    {
        AssertAt(Single("jmp short x\ntimes 200 nop\nx:"), "KJ1413", 1, 1, 11);
    }

    [Test]
    public void Rel_on_a_plain_number_warns_and_stays_absolute()
    {
        var result = Assemble("mov eax, [rel 0x2000]");

        var diagnostic = result.Diagnostics.Single();
        AssertAt(diagnostic, "KJ1416", 1, 10, 12);
        Assert.That(diagnostic.IsError, Is.False);
        Assert.That(result.Succeeded, Is.True);
        Assert.That(Hex(result.Bytes), Is.EqualTo("8b 04 25 00 20 00 00"));
    }

    [Test]
    public void Byte_immediate_below_minus_128_is_refused_where_nasm_truncates_it()
    {
        AssertAt(Single("mov al, -129"), "KJ1405", 1, 9, 4);
    }

    [Test]
    public void Org_different_from_the_load_address_is_reported()
    {
        var diagnostic = Single("org 0x2000\nnop");

        AssertAt(diagnostic, "KJ1414", 1, 1, 10);
        Assert.That(diagnostic.Message, Is.EqualTo("org 0x2000 conflicts with the load address 0x1000 given by the scenario"));
    }

    [TestCase("align 3", 1, 7, 1)]
    [TestCase("bits 16", 1, 1, 7)]
    [TestCase("times -1 nop", 1, 7, 2)]
    [TestCase("nop\norg 0x1000", 2, 1, 10)]
    public void Misused_directives_are_reported(string text, int line, int column, int length) =>
        AssertAt(Single(text), "KJ1415", line, column, length);

    [Test]
    public void Diagnostics_are_mapped_through_the_source_mapper()
    {
        var file = new SourceText("scenario.yaml", new string('\n', 10) + "      mov eax, rbx\n");
        var source = new AsmSource("mov eax, rbx", (line, column, length) => file.SpanAt(line + 10, column + 6, length));

        var result = Assembler.Assemble(source, 0, 64);

        var span = result.Diagnostics.Single().Span;
        Assert.That((span.Path, span.Line, span.Column, span.Length), Is.EqualTo(("scenario.yaml", 11, 11, 8)));
    }

    [Test]
    public void Errors_on_several_lines_are_all_reported_and_good_lines_still_assemble()
    {
        var result = Assemble("nop\nmovv eax, 1\nmov al, 999\nhlt");

        Assert.That(result.Diagnostics.Select(d => (d.Id, d.Span.Line)), Is.EqualTo(new[] { ("KJ1401", 2), ("KJ1405", 3) }));
        Assert.That(Hex(result.Bytes), Is.EqualTo("90 f4"));
    }

    [Test]
    public void Rendered_diagnostic_shows_the_line_and_a_caret_under_the_token()
    {
        const string Text = "nop\nmov al, 300\n";
        var result = Assemble(Text);

        var rendered = DiagnosticRenderer.Render(result.Diagnostics[0], new SourceText(FileName, Text));

        Assert.That(rendered, Is.EqualTo("test.kjt:2:9: error KJ1405: value 0x12c does not fit an 8-bit immediate\n 2 | mov al, 300\n   |         ^^^\n"));
    }
}
