using BenchmarkDotNet.Attributes;

namespace KjTest.Benchmarks.Kernel;

/// <summary>
/// A 1 GiB destination window swapped out and back by the guest relocate_kernel (2 passes of 3 page copies through the
/// swap page, rep movsq) against the same copies done natively: on two contiguous host arrays, and on the guest's own
/// pages (the emulator's page arrays, where they lie in host memory).
/// </summary>
[MemoryDiagnoser]
public class SwapWindowBenchmarks
{
    private const ulong Window = 1UL << 30;
    private const int Page = 4096;
    private JumpBed _bed = null!;
    private byte[] _destination = [];
    private byte[] _source = [];
    private readonly byte[] _swap = new byte[Page];
    private byte[][] _guestSources = [];
    private byte[][] _guestDestinations = [];
    private byte[] _guestSwap = [];

    /// <summary>Builds a 4 GiB machine with the window loaded, and the host arrays.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _bed = JumpBed.Create(4UL << 30, Window);
        _destination = new byte[Window];
        _source = new byte[Window];
        _source.AsSpan(0, Page).Fill(0x5A);

        // One round trip gives every page of the window and its source a host array.
        _bed.Jump();
        var layout = _bed.Kernel.NormalImage!;
        var memory = _bed.Machine.Memory;
        _guestSources = [.. layout.Pages.Select(p => memory.PageForRead(p.Source >> 12)!)];
        _guestDestinations = [.. layout.Pages.Select(p => memory.PageForRead(p.Destination >> 12)!)];
        _guestSwap = memory.PageForRead(layout.SwapPage!.Value >> 12)!;
    }

    /// <summary>Host copies: per page swap := S, S := D, D := swap, twice.</summary>
    [Benchmark(Baseline = true)]
    public void NativeCopy()
    {
        for (var pass = 0; pass < 2; pass++)
        {
            for (var offset = 0L; offset < (long)Window; offset += Page)
            {
                var s = _source.AsSpan().Slice((int)offset, Page);
                var d = _destination.AsSpan().Slice((int)offset, Page);
                s.CopyTo(_swap);
                d.CopyTo(s);
                _swap.CopyTo(d);
            }
        }
    }

    /// <summary>The same copies natively on the guest's own page arrays.</summary>
    [Benchmark]
    public void NativeCopyOfGuestPages()
    {
        for (var pass = 0; pass < 2; pass++)
        {
            for (var i = 0; i < _guestSources.Length; i++)
            {
                _guestSources[i].CopyTo(_guestSwap, 0);
                _guestDestinations[i].CopyTo(_guestSources[i], 0);
                _guestSwap.CopyTo(_guestDestinations[i], 0);
            }
        }
    }

    /// <summary>One kexec jump round trip over the window in the emulator.</summary>
    [Benchmark]
    public void KexecJumpRoundTrip() => _bed.Jump();
}
