namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// Replays the 64-bit vectors that touch neither the stack nor RIP on the host CPU: the
/// Unicorn oracle and silicon must agree on every register, every defined flag and every
/// byte written.
/// </summary>
public sealed class HostCrossCheckTests
{
    private const ulong DataBase = HostRunnability.DataBase;
    private const int DataSize = HostRunnability.DataSize;
    private const uint ComparedFlags = UndefinedFlags.AllStatus | 0x400;

    [Test]
    public void Host_cpu_agrees_with_the_64_bit_vectors_it_can_run()
    {
        if (!HostCpuRunner.IsSupported)
        {
            Assert.Ignore("the host cross-check needs an x86-64 Linux host");
        }

        using var host = new HostCpuRunner();
        try
        {
            host.Run([0x90], new ulong[16], 0x2);
        }
        catch (InvalidOperationException e)
        {
            Assert.Ignore($"this host does not allow executing generated code ({e.Message})");
        }

        var withMemory = host.TryMapData(DataBase, DataSize);
        var compared = 0;
        var comparedWithMemory = 0;
        var mismatches = new List<string>();
        foreach (var v in OracleVectorReader.LoadMode(OracleVectorReader.DefaultRoot, "x86_64").SelectMany(f => f.Vectors))
        {
            if (!HostRunnability.CanRun(v, withMemory))
            {
                continue;
            }

            foreach (var run in v.InitialMemory)
            {
                run.Bytes.CopyTo(host.Data(run.Address, run.Bytes.Length));
            }

            var (registers, flags) = host.Run(v.Bytes, v.InitialRegisters, v.InitialFlags);
            var mask = ComparedFlags & ~v.UndefinedFlagsMask;
            var memoryAgrees = v.FinalMemory.All(run => host.Data(run.Address, run.Bytes.Length).SequenceEqual(run.Bytes));
            if (!registers.AsSpan().SequenceEqual(v.FinalRegisters) || ((uint)flags & mask) != (v.FinalFlags & mask) || !memoryAgrees)
            {
                mismatches.Add($"{v.Source} {v.Form}: host flags {flags:x} vs {v.FinalFlags:x}, memory {(memoryAgrees ? "same" : "differs")}, registers {string.Join(',', registers.Select(r => r.ToString("x")))}");
            }

            compared++;
            comparedWithMemory += v.InitialMemory.Count > 0 ? 1 : 0;
        }

        TestContext.Out.WriteLine($"compared {compared} vectors with the host CPU ({comparedWithMemory} with memory operands)");
        Assert.That(mismatches, Is.Empty, string.Join("\n", mismatches.Take(20)) + "\nby form: " + string.Join(", ", mismatches.GroupBy(m => m.Split(" ")[1]).Select(g => $"{g.Key} {g.Count()}")));
        Assert.That(compared, Is.GreaterThan(5000));
    }
}
