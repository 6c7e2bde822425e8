using System.Text;

namespace KjTest.Cli.Tests.Hostile;

/// <summary>A writer that fails as standard output does on a full disk: every write is an IOException.</summary>
internal sealed class FullDiskWriter : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => throw new IOException("No space left on device");

    public override void Write(char[] buffer, int index, int count) => throw new IOException("No space left on device");

    public override void Write(string? value) => throw new IOException("No space left on device");
}
