using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Images.Asm;

namespace KjTest.Dsl.Images;

/// <summary>
/// Assembles x86 Intel-syntax text (NASM's dialect, plus the forms <c>objdump -M intel</c> prints)
/// into bytes with Iced. Bad input gives diagnostics, never exceptions.
/// </summary>
public static class Assembler
{
    private const int MaximumPasses = 16;

    /// <summary>
    /// Assembles <paramref name="source"/> for loading at <paramref name="origin"/>.
    /// </summary>
    /// <param name="source">The text and its position mapper.</param>
    /// <param name="origin">The address of the first byte; <c>$$</c> and labels are relative to it.</param>
    /// <param name="bitness">64 or 32; a <c>bits</c> line in the text can switch it.</param>
    /// <param name="symbols">Extra constants the text may use (for example addresses chosen by the scenario).</param>
    public static AssemblyResult Assemble(AsmSource source, ulong origin, int bitness, IReadOnlyDictionary<string, ulong>? symbols = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (bitness is not (32 or 64))
        {
            throw new ArgumentOutOfRangeException(nameof(bitness), bitness, "bitness must be 32 or 64");
        }

        var external = symbols ?? new Dictionary<string, ulong>();
        var parseReporter = new AsmReporter(source);
        var statements = new AsmParser(parseReporter).Parse(source.Text);

        IReadOnlyDictionary<string, SymbolDefinition>? previous = null;
        for (var pass = 1; ; pass++)
        {
            var reporter = new AsmReporter(source);
            var run = new AssemblerPass(statements, origin, bitness, external, previous, reporter);
            run.Run();
            var settled = previous is not null && SameValues(previous, run.Symbols);
            if (settled || pass == MaximumPasses)
            {
                var diagnostics = parseReporter.Items.Concat(reporter.Items)
                    .OrderBy(d => d.Span.Line)
                    .ThenBy(d => d.Span.Column)
                    .ToList();
                if (!settled)
                {
                    diagnostics.Add(DiagnosticCatalogue.AsmLayoutUnstable.Create(source.Map(1, 1, 0), MaximumPasses));
                }

                var labels = run.Symbols.Where(pair => pair.Value.IsLabel).ToDictionary(pair => pair.Key, pair => pair.Value.Value, StringComparer.Ordinal);
                return new AssemblyResult(run.Output, labels, diagnostics);
            }

            previous = run.Symbols;
        }
    }

    private static bool SameValues(IReadOnlyDictionary<string, SymbolDefinition> before, IReadOnlyDictionary<string, SymbolDefinition> after) =>
        before.Count == after.Count && after.All(pair => before.TryGetValue(pair.Key, out var old) && old.Value == pair.Value.Value);
}
