using System.Text;

namespace KjTest.Runtime.Tests.Oracle.Sse;

/// <summary>
/// SSE/SSE2 floating point against the host CPU: every form of <see cref="SseOracleOps"/> on inputs of
/// <see cref="SseVectorGenerator"/> under random MXCSR (rounding, DAZ, FTZ, masks, sticky flags). XMM0, MXCSR, the
/// arithmetic flags, RAX and whether #XM was raised must all agree. The stored vectors (Vectors/sse) were made by the
/// same host run and replay on any machine; the live run needs gcc.
/// </summary>
public sealed class SseOracleTests
{
    private const int StoredPerOp = 150;

    private static string StoredFolder => Path.Combine(SseOracleHost.OracleFolder, "Vectors", "sse");

    private static int LivePerOp => int.TryParse(Environment.GetEnvironmentVariable("KJTEST_SSE_VECTORS"), out var n) ? n : 2000;

    public static IEnumerable<string> Families() => SseOracleOps.All.Select(o => o.Family).Distinct();

    [TestCaseSource(nameof(Families))]
    public void Cpu_matches_the_host_on_fresh_vectors_of_the_family(string family)
    {
        using var host = SseOracleHost.TryCreate(out var reason);
        if (host is null)
        {
            Assert.Ignore(reason);
        }

        var cases = SseOracleOps.All.Where(o => o.Family == family).SelectMany(o => SseVectorGenerator.Cases(o, LivePerOp, seed: 20261204)).ToList();
        var expected = host.Run(cases);
        Compare(cases, expected);
    }

    [TestCaseSource(nameof(Families))]
    public void Cpu_matches_the_stored_host_vectors_of_the_family(string family)
    {
        var path = Path.Combine(StoredFolder, family + ".txt");
        if (Environment.GetEnvironmentVariable("KJTEST_ACCEPT") == "1")
        {
            Regenerate(family, path);
        }

        var byBytes = SseOracleOps.All.ToDictionary(o => Convert.ToHexString(o.Bytes).ToLowerInvariant());
        var cases = new List<SseOracleCase>();
        var expected = new List<SseOracleOutcome>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0 && l[0] != '#'))
        {
            // <bytes> <mxcsr> <xmm0> <xmm1> <rax> > <xmm0> <mxcsr> <flags> <rax> <fault>   # disassembly
            var body = line.Split('#')[0].Trim();
            var halves = body.Split(" > ");
            var f = halves[0].Split(' ');
            var op = byBytes[f[0]];
            cases.Add(new SseOracleCase(op, Convert.ToUInt32(f[1], 16), UInt128.Parse(f[2], System.Globalization.NumberStyles.HexNumber), UInt128.Parse(f[3], System.Globalization.NumberStyles.HexNumber), Convert.ToUInt64(f[4], 16)));
            expected.Add(SseOracleHost.ParseOutcome(halves[1]));
        }

        Assert.That(cases, Has.Count.EqualTo(SseOracleOps.All.Count(o => o.Family == family) * StoredPerOp), "one block of vectors per form");
        Compare(cases, expected);
    }

    [Test]
    public void The_oracle_sees_an_unmasked_divide_by_zero_as_a_fault_with_the_destination_kept()
    {
        // A check of the oracle itself, so a broken helper cannot make every comparison vacuous.
        using var host = SseOracleHost.TryCreate(out var reason);
        if (host is null)
        {
            Assert.Ignore(reason);
        }

        var divss = SseOracleOps.All.Single(o => o.Name == "divss xmm0,xmm1");
        var outcome = host.Run([new SseOracleCase(divss, 0x1D00, 0x3F80_0000, 0, 0)])[0];
        Assert.That(outcome, Is.EqualTo(new SseOracleOutcome(0x3F80_0000, 0x1D04, 0, 0, true)));
    }

    private static void Compare(IReadOnlyList<SseOracleCase> cases, IReadOnlyList<SseOracleOutcome> expected)
    {
        var cpu = new SseEmulatedRunner();
        var failures = new StringBuilder();
        var mismatches = 0;
        for (var k = 0; k < cases.Count; k++)
        {
            var actual = cpu.Run(cases[k]);
            if (actual != expected[k])
            {
                if (++mismatches <= 20)
                {
                    failures.AppendLine($"{cases[k].Op.Name}: {SseOracleHost.Line(cases[k])}\n    host {expected[k]}\n    cpu  {actual}");
                }
            }
        }

        Assert.That(mismatches, Is.Zero, $"{mismatches} of {cases.Count} vectors differ:\n{failures}");
    }

    private static void Regenerate(string family, string path)
    {
        using var host = SseOracleHost.TryCreate(out var reason) ?? throw new InvalidOperationException(reason);
        var cases = SseOracleOps.All.Where(o => o.Family == family).SelectMany(o => SseVectorGenerator.Cases(o, StoredPerOp, seed: 1)).ToList();
        var outcomes = host.Run(cases);
        var text = new StringBuilder();
        text.AppendLine($"# SSE oracle vectors, family {family}: computed by the host CPU (sseoracle.c); regenerate with KJTEST_ACCEPT=1.");
        text.AppendLine("# <bytes> <mxcsr> <xmm0> <xmm1> <rax> > <xmm0> <mxcsr> <flags & 0x8d5> <rax> <#XM>   # form");
        for (var k = 0; k < cases.Count; k++)
        {
            text.AppendLine($"{SseOracleHost.Line(cases[k])} > {outcomes[k]}   # {cases[k].Op.Name}");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
    }
}
