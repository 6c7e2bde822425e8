using Iced.Intel;

namespace KjTest.VectorGen;

/// <summary>Collects the bytes Iced's encoder writes.</summary>
internal sealed class ByteWriter : CodeWriter
{
    private readonly List<byte> _bytes = [];

    public override void WriteByte(byte value) => _bytes.Add(value);

    public byte[] ToArray() => [.. _bytes];
}
