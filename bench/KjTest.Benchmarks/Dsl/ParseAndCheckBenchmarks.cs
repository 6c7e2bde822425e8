using BenchmarkDotNet.Attributes;
using KjTest.Dsl.Checking;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Yaml;

namespace KjTest.Benchmarks.Dsl;

/// <summary>Reading and checking one large YAML scenario; the three sizes show how the cost grows.</summary>
[MemoryDiagnoser]
public class ParseAndCheckBenchmarks
{
    private readonly YamlFrontEnd _frontEnd = new();
    private readonly ScenarioChecker _checker = new();
    private SourceText _source = null!;

    /// <summary>Scenario size in KiB.</summary>
    [Params(250, 500, 1000)]
    public int SizeKiB { get; set; }

    /// <summary>Generates the scenario and makes sure it is valid, so every check runs.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _source = new SourceText("generated.yaml", ScenarioGenerator.Generate(SizeKiB * 1024));
        var result = _checker.Check(_frontEnd.Parse(_source));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("generated scenario is invalid: " + string.Join("\n", result.Diagnostics));
        }
    }

    /// <summary>YAML text to checked model.</summary>
    [Benchmark]
    public int ParseAndCheck() => _checker.Check(_frontEnd.Parse(_source)).Diagnostics.Count;
}
