using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios;

/// <summary>
/// The messages a run reports (KJ16xx), each with a stable id: what the steps found (a result that differs, a jump
/// that did not come back) and KjTest's own failures. The ids continue the catalogue of <see cref="DiagnosticCatalogue"/>.
/// </summary>
public static class RuntimeCatalogue
{
    private static DiagnosticDescriptor Error(string id, string format) => new(id, Severity.Error, format);

    /// <summary>KjTest itself failed while running a planned scenario.</summary>
    public static DiagnosticDescriptor InternalError { get; } = Error("KJ1601", "KjTest failed while running the scenario ({0}): {1}");

    /// <summary>Every descriptor, for the uniqueness test.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        [.. typeof(RuntimeCatalogue).GetProperties().Where(p => p.PropertyType == typeof(DiagnosticDescriptor)).Select(p => (DiagnosticDescriptor)p.GetValue(null)!)];

    /// <summary>A message as results carry it: the id, then the text.</summary>
    public static string Text(DiagnosticDescriptor descriptor, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return $"{descriptor.Id}: {descriptor.Create(SourceSpan.None, args).Message}";
    }
}
