using BenchmarkDotNet.Attributes;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Benchmarks.Machine;

/// <summary>
/// Writing 1 MiB, taking a snapshot and diffing it against the previous one, on a 64 MiB and a 16 GiB
/// memory: the cost should follow the pages written, not the RAM size.
/// </summary>
public class SnapshotDiffBenchmarks
{
    private static readonly byte[] Data = CreateData();
    private PhysicalMemory _memory = null!;
    private MemorySnapshot _before = null!;
    private int _round;

    /// <summary>RAM size in MiB.</summary>
    [Params(64, 16 * 1024)]
    public int MemoryMiB { get; set; }

    /// <summary>Creates the memory with some resident data and a first snapshot.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _memory = new PhysicalMemory((ulong)MemoryMiB << 20);
        for (ulong a = 0; a < 32UL << 20; a += 1 << 20)
        {
            _memory.Write(a, Data);
        }

        _before = _memory.Snapshot();
    }

    /// <summary>Write 1 MiB (256 pages), snapshot, diff against the previous snapshot.</summary>
    [Benchmark]
    public int WriteSnapshotDiff()
    {
        _round++;
        var data = Data.AsSpan();
        data[0] = (byte)_round;
        _memory.Write(8UL << 20, data);
        var after = _memory.Snapshot();
        var diff = MemorySnapshot.Diff(_before, after);
        _before = after;
        return diff.Pages.Count;
    }

    private static byte[] CreateData()
    {
        var data = new byte[1 << 20];
        new Random(3).NextBytes(data);
        return data;
    }
}
