using System.Text;
using KjTest.Dsl.Checking;
using KjTest.Dsl.Model;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Yaml;
using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Tests.Scenarios;

public class ScenarioRunnerTests
{
    private const string Image = """
        images:
          - name: b
            entry: 0x400000
            segments:
              - mem: 0x400000
                memsz: 0x1000
                asm: |
                  spin:
                    jmp spin
        """;

    [Test]
    public void A_fault_kind_not_implemented_makes_the_outcome_error_with_its_name()
    {
        var result = Run(Image + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - fault: irq\n    irq: 4\n    at: callee\n  - jump: ok\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Error));
        Assert.That(result.Messages.Select(m => m.Text), Has.Some.EqualTo("fault kind irq is not implemented yet"));
    }

    [Test]
    public void A_runaway_image_expected_to_return_is_a_timeout_naming_the_budget()
    {
        var result = Run("limits: { max_instructions: 50_000 }\n" + Image + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - jump: ok\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Timeout));
        Assert.That(result.Messages[0].Text, Does.Contain("instruction budget of 50000 exhausted"));
    }

    [Test]
    public void A_wrong_load_expectation_fails_with_the_step_span()
    {
        var result = Run(Image + "\nsteps:\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n    expect: EINVAL\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Fail));
        Assert.That(result.Messages[0].Span.Line, Is.EqualTo(14));
        Assert.That(result.Messages[0].Text, Does.Contain("expected EINVAL, but kexec_load returned 0"));
    }

    [Test]
    public void An_alloc_failure_makes_only_the_next_load_return_ENOMEM()
    {
        var result = Run(Image + "\nsteps:\n  - fault: alloc_failure\n    what: swap\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n  - load: b\n    flags: [PRESERVE_CONTEXT]\n");

        Assert.That(result.Actual, Is.EqualTo(OutcomeKind.Fail));
        Assert.That(result.Messages.Select(m => m.Text), Is.EqualTo(new[] { "expected ok, but kexec_load returned -ENOMEM (reference 2.3 row 21)" }));
    }

    private static ScenarioResult Run(string body)
    {
        var reader = new ScenarioReader([new YamlFrontEnd()]);
        var parsed = new ScenarioChecker().Check(reader.Read("test.yaml", Encoding.UTF8.GetBytes("name: t\n" + body)));
        Assert.That(parsed.Succeeded, Is.True, string.Join("\n", parsed.Diagnostics.Select(d => d.Message)));
        return ScenarioRunner.Run(parsed.Scenario!, ".");
    }
}
