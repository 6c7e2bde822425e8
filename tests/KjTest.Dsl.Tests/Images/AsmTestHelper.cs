using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Images;

namespace KjTest.Dsl.Tests.Images;

/// <summary>Shared helpers for assembler tests.</summary>
internal static class AsmTestHelper
{
    public const string FileName = "test.kjt";

    public static AssemblyResult Assemble(string text, int bitness = 64, ulong origin = 0x1000, IReadOnlyDictionary<string, ulong>? symbols = null) =>
        Assembler.Assemble(AsmSource.FromFile(FileName, text), origin, bitness, symbols);

    public static string Hex(byte[] bytes) => string.Join(" ", bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    public static string AssembleHex(string text, int bitness = 64, ulong origin = 0x1000)
    {
        var result = Assemble(text, bitness, origin);
        Assert.That(result.Diagnostics, Is.Empty, () => string.Join("\n", result.Diagnostics.Select(d => DiagnosticRenderer.Render(d, new SourceText(FileName, text)))));
        return Hex(result.Bytes);
    }
}
