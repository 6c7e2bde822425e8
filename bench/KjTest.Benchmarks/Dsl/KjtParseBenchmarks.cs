using BenchmarkDotNet.Attributes;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Text;

namespace KjTest.Benchmarks.Dsl;

/// <summary>
/// Parse time of generated .kjt files of growing size; the time per kilobyte must stay flat
/// (parsing linear in the file size).
/// </summary>
[MemoryDiagnoser]
public class KjtParseBenchmarks
{
    private readonly KjtFrontEnd _frontEnd = new();
    private SourceText _source = new("empty.kjt", "");

    /// <summary>File size in kilobytes.</summary>
    [Params(250, 500, 1000)]
    public int SizeKb { get; set; }

    /// <summary>Generates the file and parses it once, so table construction is not measured.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _source = new SourceText("generated.kjt", KjtSample.Generate(SizeKb * 1024));
        var warm = _frontEnd.Parse(_source);
        if (!warm.Succeeded)
        {
            throw new InvalidOperationException("the generated scenario does not parse: " + warm.Diagnostics[0]);
        }
    }

    /// <summary>Parses and lowers the file.</summary>
    [Benchmark]
    public ParseResult Parse() => _frontEnd.Parse(_source);
}
