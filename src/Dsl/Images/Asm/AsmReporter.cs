using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images.Asm;

/// <summary>Collects assembler diagnostics, mapping line-relative positions through <see cref="AsmSource.Map"/>.</summary>
internal sealed class AsmReporter(AsmSource source)
{
    private readonly DiagnosticBag _bag = new();
    private readonly HashSet<(string, int, int)> _seen = [];

    public IReadOnlyList<Diagnostic> Items => _bag.Items;

    public bool HasErrors => _bag.HasErrors;

    public void Report(DiagnosticDescriptor descriptor, int line, int column, int length, params object?[] args) =>
        ReportWithHint(descriptor, line, column, length, null, args);

    public void ReportWithHint(DiagnosticDescriptor descriptor, int line, int column, int length, string? hint, params object?[] args)
    {
        // A statement repeated by `times` would otherwise report the same problem once per copy.
        if (_seen.Add((descriptor.Id, line, column)))
        {
            _bag.Add(descriptor.CreateWithHint(source.Map(line, column, Math.Max(0, length)), hint, args));
        }
    }
}
