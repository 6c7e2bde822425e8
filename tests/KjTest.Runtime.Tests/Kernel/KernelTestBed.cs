using KjTest.Runtime.Kernel;

namespace KjTest.Runtime.Tests.Kernel;

/// <summary>A kernel model over sparse RAM, with the standard test machine: 64 MiB of RAM, the first MiB reserved.</summary>
internal sealed class KernelTestBed
{
    public const ulong Mib = 1024 * 1024;

    public static readonly PhysicalRange StandardCrashKernel = new(32 * Mib, 16 * Mib);

    public KernelTestBed(KernelConfig config, ulong? seed = null, IEnumerable<ulong>? occupied = null)
    {
        Memory = new SparsePhysicalMemory(config.Ram.Count == 0 ? 0 : config.Ram.Max(r => r.End));
        Allocator = KernelPageAllocator.FromConfig(config, occupied ?? [], seed);
        Kernel = new KernelModel(config, Memory, Allocator);
    }

    public SparsePhysicalMemory Memory { get; }

    public KernelPageAllocator Allocator { get; }

    public KernelModel Kernel { get; }

    public static KernelConfig Standard(KernelEra era = KernelEra.Cur, KernelArch arch = KernelArch.X86_64) => new()
    {
        Era = era,
        Arch = arch,
        Ram = [new PhysicalRange(0, 64 * Mib)],
        Reserved = [new PhysicalRange(0, 1 * Mib)],
        CrashKernel = StandardCrashKernel,
    };

    public static KexecSegment Segment(ulong mem, ulong memsz, int bufsz = 0, byte fill = 0xA5) =>
        new(Enumerable.Repeat(fill, bufsz).ToArray(), mem, memsz);
}
