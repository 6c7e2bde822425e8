using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Text;

namespace KjTest.Dsl.Tests.Text;

public sealed class KjtFrontEndTests
{
    private static ParseResult Parse(string text) => new KjtFrontEnd().Parse(new SourceText("t.kjt", text));

    private static Scenario Read(string text)
    {
        var result = Parse(text);
        Assert.That(result.Diagnostics.Select(d => d.ToString()), Is.Empty);
        return result.Scenario!;
    }

    private static string At(string text, SourceSpan span) => text.Substring(span.Offset, span.Length);

    [Test]
    public void Front_end_reads_kjt_files()
    {
        Assert.That(new KjtFrontEnd().Extensions, Is.EqualTo(new[] { ".kjt" }));
    }

    [Test]
    public void Asm_block_lines_map_to_their_exact_file_line_and_column()
    {
        const string text = "scenario \"s\"\n\nimage b\n  segment 0x1000 asm \"\"\"\n      start:\n        mov eax, 1\n\n        ret\n      \"\"\"\n";
        var asm = (AsmContent)Read(text).Images[0].Segments[0].Content!;

        Assert.That(asm.Source.Text, Is.EqualTo("start:\n  mov eax, 1\n\n  ret"));
        var mov = asm.Source.Map(2, 3, 3);
        Assert.That((mov.Line, mov.Column, mov.EndColumn), Is.EqualTo((6, 9, 12)));
        Assert.That(At(text, mov), Is.EqualTo("mov"));
        var ret = asm.Source.Map(4, 3, 3);
        Assert.That((ret.Line, ret.Column), Is.EqualTo((8, 9)));
        Assert.That(At(text, ret), Is.EqualTo("ret"));
    }

    [Test]
    public void Block_indented_with_tabs_maps_by_characters()
    {
        const string text = "scenario \"s\"\nmemory 0x10 hex \"\"\"\n\t\tde ad\n\t\t  be\n\t\t\"\"\"\n";
        var hex = (HexContent)Read(text).Memory[0].Content;

        Assert.That(hex.Source.Text, Is.EqualTo("de ad\n  be"));
        var be = hex.Source.Map(2, 3, 2);
        Assert.That((be.Line, be.Column), Is.EqualTo((4, 5)));
        Assert.That(At(text, be), Is.EqualTo("be"));
    }

    [Test]
    public void One_line_string_with_newline_escapes_maps_each_line_after_its_escape()
    {
        const string text = "scenario \"s\"\nmemory 0x10 asm \"nop\\nret\"\n";
        var asm = (AsmContent)Read(text).Memory[0].Content;

        Assert.That(asm.Source.Text, Is.EqualTo("nop\nret"));
        var ret = asm.Source.Map(2, 1, 3);
        Assert.That((ret.Line, ret.Column), Is.EqualTo((2, 23)));
        Assert.That(At(text, ret), Is.EqualTo("ret"));
    }

    [Test]
    public void Statement_spans_cover_the_statement_without_its_comment_or_line_break()
    {
        const string text = "scenario \"s\"\nsteps\n  load b flags PRESERVE_CONTEXT | ARCH_X86_64   # why\n  jump\n";
        var scenario = Read(text);
        var load = (LoadStep)scenario.Steps[0];

        Assert.That(At(text, load.Span), Is.EqualTo("load b flags PRESERVE_CONTEXT | ARCH_X86_64"));
        Assert.That(At(text, load.Flags[1].Span), Is.EqualTo("ARCH_X86_64"));
        Assert.That((load.Flags[1].Span.Line, load.Flags[1].Span.Column), Is.EqualTo((3, 35)));
        Assert.That(scenario.Span.Length, Is.EqualTo(text.Length));
    }

    [Test]
    public void Omitted_results_mean_ok_and_omitted_unload_kind_means_normal()
    {
        var steps = Read("scenario \"s\"\nsteps\n  load b\n  unload\n  jump\n").Steps;

        Assert.That(((LoadStep)steps[0]).Expect.Value, Is.EqualTo("ok"));
        Assert.That(((UnloadStep)steps[1]).Crash.Value, Is.False);
        Assert.That(((JumpStep)steps[2]).Expect.Value, Is.EqualTo("ok"));
    }

    [Test]
    public void Flag_and_errno_spellings_are_made_canonical()
    {
        var load = (LoadStep)Read("scenario \"s\"\nsteps\n  load b flags kexec_preserve_context | 0x3e0000 expect eperm\n").Steps[0];

        Assert.That(load.Flags.Select(f => f.Value), Is.EqualTo(new[] { new FlagTerm("PRESERVE_CONTEXT", 0), new FlagTerm(null, 0x3e0000) }));
        Assert.That(load.Expect.Value, Is.EqualTo("EPERM"));
    }

    [Test]
    public void Preserved_all_names_every_state_class()
    {
        var preserved = (PreservedExpectation)((ExpectStep)Read("scenario \"s\"\nsteps\n  expect preserved all except rax\n").Steps[0]).Expectations[0];

        Assert.That(preserved.Classes.Select(c => c.Value), Is.EqualTo(Enum.GetValues<StateClass>()));
        Assert.That(preserved.ExceptRegisters.Select(r => r.Value), Is.EqualTo(new[] { "rax" }));
    }

    [Test]
    public void Memory_hash_is_stored_with_its_algorithm_prefix_in_lower_case()
    {
        var memory = (MemoryExpectation)((ExpectStep)Read("scenario \"s\"\nsteps\n  expect memory 0x1000 size 4KiB sha256 \"6E340B9CFFB37A989CA544E6BB780A2C78901D3FB33738768511A30617AFA01D\"\n").Steps[0]).Expectations[0];

        Assert.That(memory.Hash!.Value.Value, Is.EqualTo("sha256:6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d"));
        Assert.That(memory.Size!.Value.Value, Is.EqualTo(4096ul));
    }

    [Test]
    public void Fault_parameters_keep_their_text_as_written()
    {
        var fault = (FaultStep)Read("scenario \"s\"\nsteps\n  fault dma bytes \"de ad\", address 0x1_000, registers [a, [b]]\n").Steps[0];

        Assert.That(fault.Parameters.Select(p => p.Name.Value), Is.EqualTo(new[] { "bytes", "address", "registers" }));
        Assert.That(((ScalarValue)fault.Parameters[0].Value).Text, Is.EqualTo("de ad"));
        Assert.That(((ScalarValue)fault.Parameters[1].Value).Text, Is.EqualTo("0x1_000"));
        var list = (ListValue)fault.Parameters[2].Value;
        Assert.That(list.Items, Has.Count.EqualTo(2));
        Assert.That(((ScalarValue)((ListValue)list.Items[1]).Items[0]).Text, Is.EqualTo("b"));
    }

    [Test]
    public void Keywords_are_case_sensitive()
    {
        var result = Parse("Scenario \"s\"\n");

        Assert.That(result.Scenario, Is.Null);
        Assert.That(result.Diagnostics.Single().Id, Is.EqualTo("KJ1202"));
        Assert.That(result.Diagnostics.Single().Hint, Is.EqualTo("did you mean `scenario`?"));
    }

    [Test]
    public void Misspelt_step_keyword_is_reported_at_the_word_with_a_hint()
    {
        var result = Parse("scenario \"s\"\nsteps\n  lod b\n");
        var diagnostic = result.Diagnostics.Single();

        Assert.That(diagnostic.Id, Is.EqualTo("KJ1202"));
        Assert.That((diagnostic.Span.Line, diagnostic.Span.Column, diagnostic.Span.Length), Is.EqualTo((3, 3, 3)));
        Assert.That(diagnostic.Hint, Is.EqualTo("did you mean `load`?"));
        Assert.That(diagnostic.Message, Does.Contain("expected one of: 'expect', 'fault', 'jump', 'load', 'unload'"));
    }

    [Test]
    public void Several_syntax_errors_are_reported_in_one_pass()
    {
        var result = Parse("scenario \"s\"\nsteps\n  lod b\n  jump expect\n  fault\n");

        Assert.That(result.Diagnostics.Select(d => (d.Id, d.Span.Line)), Is.EqualTo(new[] { ("KJ1202", 3), ("KJ1201", 4), ("KJ1201", 5) }));
    }

    [Test]
    public void Value_errors_are_reported_with_the_shared_value_diagnostics()
    {
        var result = Parse("scenario \"s\"\nmachine\n  ram 64MB\n  region ram 0x0 size 100EiB\nkernel\n  lockdown maybe\n");

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "KJ1304", "KJ1305", "KJ1306" }));
    }

    [Test]
    public void Expect_block_groups_its_lines_into_one_step()
    {
        var steps = Read("scenario \"s\"\nsteps\n  expect\n    rax == 1\n    console contains \"x\"\n  jump\n").Steps;

        Assert.That(steps, Has.Count.EqualTo(2));
        Assert.That(((ExpectStep)steps[0]).Expectations, Has.Count.EqualTo(2));
    }

    [Test]
    public void Blocks_in_crlf_files_read_as_in_lf_files()
    {
        const string lf = "scenario \"s\"\nmemory 0x10 asm \"\"\"\n  nop\n\n  ret\n  \"\"\"\n";
        var crlf = lf.Replace("\n", "\r\n", StringComparison.Ordinal);

        var fromLf = (AsmContent)Read(lf).Memory[0].Content;
        var fromCrlf = (AsmContent)Read(crlf).Memory[0].Content;

        Assert.That(fromCrlf.Source.Text, Is.EqualTo(fromLf.Source.Text));
        Assert.That(fromCrlf.Source.Text, Is.EqualTo("nop\n\nret"));
        Assert.That(At(crlf, fromCrlf.Source.Map(3, 1, 3)), Is.EqualTo("ret"));
    }
}
