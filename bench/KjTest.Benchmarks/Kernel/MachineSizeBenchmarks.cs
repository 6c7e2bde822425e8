using BenchmarkDotNet.Attributes;

namespace KjTest.Benchmarks.Kernel;

/// <summary>A kexec jump with a 1 MiB image on a 64 MiB machine against the same on a 64 GiB machine.</summary>
public class MachineSizeBenchmarks
{
    private JumpBed _bed = null!;

    /// <summary>RAM size in MiB.</summary>
    [Params(64, 65536)]
    public int RamMiB { get; set; }

    /// <summary>Builds the machine and loads the image.</summary>
    [GlobalSetup]
    public void Setup() => _bed = JumpBed.Create((ulong)RamMiB << 20, 1UL << 20);

    /// <summary>One round trip.</summary>
    [Benchmark]
    public void KexecJumpRoundTrip() => _bed.Jump();
}
