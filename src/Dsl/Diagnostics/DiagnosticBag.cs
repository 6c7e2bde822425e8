namespace KjTest.Dsl.Diagnostics;

/// <summary>Collects diagnostics during a parse or check, in the order found.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>All diagnostics so far.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>True when any error was added.</summary>
    public bool HasErrors => _items.Exists(d => d.IsError);

    /// <summary>Adds one diagnostic.</summary>
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>Adds several diagnostics.</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>Adds a diagnostic of a catalogued kind.</summary>
    public void Report(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] args) =>
        _items.Add(descriptor.Create(span, args));

    /// <summary>Adds a diagnostic of a catalogued kind with a hint.</summary>
    public void ReportWithHint(DiagnosticDescriptor descriptor, SourceSpan span, string? hint, params object?[] args) =>
        _items.Add(descriptor.CreateWithHint(span, hint, args));
}
