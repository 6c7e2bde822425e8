namespace KjTest.Runtime.Kernel.Relocate;

/// <summary>A named place in generated guest code, for symbolising traces: <c>swap_pages</c> at its offset.</summary>
/// <param name="Name">The label, as the kernel source names it.</param>
/// <param name="Offset">Bytes from the start of the code.</param>
public sealed record CodeLabel(string Name, int Offset)
{
    /// <summary>The labels of <paramref name="labels"/> in an assembled block, by their RIP in <paramref name="result"/> (assembled at 0).</summary>
    internal static IReadOnlyList<CodeLabel> Of(Iced.Intel.AssemblerResult result, params Iced.Intel.Label[] labels) =>
        [.. labels.Select(l => new CodeLabel(l.Name, (int)result.GetLabelRIP(l))).OrderBy(l => l.Offset)];
}
