using Iced.Intel;

namespace KjTest.Dsl.Images.Asm;

/// <summary>Collects the bytes Iced's encoder writes.</summary>
internal sealed class ByteCodeWriter : CodeWriter
{
    public List<byte> Bytes { get; } = [];

    public override void WriteByte(byte value) => Bytes.Add(value);
}
