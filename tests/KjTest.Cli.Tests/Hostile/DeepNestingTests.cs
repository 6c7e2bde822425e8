using KjTest.Cli.Tests.Commands;

namespace KjTest.Cli.Tests.Hostile;

/// <summary>A nesting of 100,000 in every input that nests gives a located diagnostic and exit 2, from a fresh process.</summary>
public class DeepNestingTests
{
    private const int Depth = 100_000;

    private static string AsmScenario(string operand) =>
        "name: deep\nimages:\n  - name: b\n    segments:\n      - mem: 0x400000\n        asm: |\n          mov eax, " + operand
        + "\nsteps:\n  - load: b\n  - jump: ok\n  - expect: { preserved: all }\n";

    private static IEnumerable<TestCaseData> Inputs()
    {
        yield return new TestCaseData("paren.yaml", AsmScenario(new string('(', Depth) + "1" + new string(')', Depth)), "paren.yaml:7:276: error KJ1417").SetName("Nested_parentheses_in_assembly");
        yield return new TestCaseData("plus.yaml", AsmScenario(string.Join("+", Enumerable.Repeat("1", Depth))), "plus.yaml:7:531: error KJ1417").SetName("A_long_chain_of_additions_in_assembly");
        yield return new TestCaseData("unary.yaml", AsmScenario(new string('~', Depth) + "1"), "unary.yaml:7:276: error KJ1417").SetName("A_long_chain_of_unary_operators_in_assembly");
        yield return new TestCaseData("seq.yaml", "name: t\ntags: " + new string('[', Depth) + new string(']', Depth) + "\nsteps: []\n", "seq.yaml:2:70: error KJ1112").SetName("Nested_YAML_flow_sequences");
        yield return new TestCaseData("map.yaml", "name: t\ntags: " + string.Concat(Enumerable.Repeat("{a: ", Depth)) + "1" + new string('}', Depth) + "\nsteps: []\n", "map.yaml:2:259: error KJ1112").SetName("Nested_YAML_flow_maps");
        yield return new TestCaseData("lists.kjt", "scenario \"deep\"\nsteps\n  fault nmi at " + new string('[', Depth) + new string(']', Depth) + "\n  jump\n", "lists.kjt:3:48: error KJ1215").SetName("Nested_kjt_parameter_lists");
        yield return new TestCaseData("asm.kjt", "scenario \"deep\"\nimage b\n  segment 0x400000 asm \"mov eax, " + new string('(', Depth) + "1" + new string(')', Depth) + "\"\nsteps\n  load b\n  jump\n  expect preserved all\n", "asm.kjt:3:290: error KJ1417").SetName("Nested_parentheses_in_kjt_assembly");
    }

    [TestCaseSource(nameof(Inputs))]
    public void Is_a_located_diagnostic_not_a_crash(string name, string text, string expected)
    {
        using var folder = new TempFolder();
        var path = folder.Write(name, text);

        var check = CliProcess.Run(TimeSpan.FromSeconds(60), "check", path);

        Assert.That(check.ExitCode, Is.EqualTo(2), check.Error);
        Assert.That(check.Out, Does.Contain(Path.Combine(folder.Path, expected)));
    }
}
