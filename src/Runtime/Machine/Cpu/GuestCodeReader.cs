using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

/// <summary>Feeds instruction bytes to Iced from guest memory through instruction-fetch translation.</summary>
internal sealed class GuestCodeReader : CodeReader
{
    private readonly X86Cpu _cpu;
    private readonly byte[] _bytes = new byte[16];
    private ulong _start;
    private ulong _wrapMask;
    private int _count;
    private ulong _pageLinear = ulong.MaxValue;
    private ulong _pagePhysical;

    public GuestCodeReader(X86Cpu cpu) => _cpu = cpu;

    public int Count => _count;

    public ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _count);

    public ulong FirstPage { get; private set; } = ulong.MaxValue;

    public ulong SecondPage { get; private set; } = ulong.MaxValue;

    public void Reset(ulong linear, ulong wrapMask)
    {
        _start = linear;
        _wrapMask = wrapMask;
        _count = 0;
        _pageLinear = ulong.MaxValue;
        FirstPage = SecondPage = ulong.MaxValue;
    }

    public override int ReadByte()
    {
        if (_count >= 15)
        {
            return -1;
        }

        var lin = (_start + (ulong)_count) & _wrapMask;
        if (lin >> 12 != _pageLinear)
        {
            _pagePhysical = _cpu.Translate(lin & ~0xFFFUL, X86Cpu.AccessExecute, _cpu.CplValue == 3, out _, out _);
            _pageLinear = lin >> 12;
            if (FirstPage == ulong.MaxValue)
            {
                FirstPage = _pagePhysical >> 12;
            }
            else
            {
                SecondPage = _pagePhysical >> 12;
            }
        }

        var b = (byte)_cpu.ReadPhysical(_pagePhysical | (lin & 0xFFF), 1);
        _bytes[_count++] = b;
        return b;
    }
}
