namespace KjTest.Dsl.Diagnostics;

/// <summary>A catalogued kind of diagnostic: a stable id, a severity and a message template.</summary>
/// <param name="Id">Stable id such as <c>KJ1001</c>; never reused for another meaning.</param>
/// <param name="Severity">Error or warning.</param>
/// <param name="MessageFormat">A composite format string filled by <see cref="Create"/>.</param>
public sealed record DiagnosticDescriptor(string Id, Severity Severity, string MessageFormat)
{
    /// <summary>The longest text argument quoted whole in a message; a longer one (a megabyte token) is cut.</summary>
    public const int MaxArgumentLength = 512;

    /// <summary>Makes a diagnostic of this kind at a span.</summary>
    public Diagnostic Create(SourceSpan span, params object?[] args) =>
        new(this, span, args.Length == 0 ? MessageFormat : string.Format(System.Globalization.CultureInfo.InvariantCulture, MessageFormat, [.. args.Select(Shorten)]), null);

    /// <summary>Makes a diagnostic of this kind at a span with a hint line.</summary>
    public Diagnostic CreateWithHint(SourceSpan span, string? hint, params object?[] args) =>
        Create(span, args) with { Hint = hint };

    private static object? Shorten(object? arg) =>
        arg is string { Length: > MaxArgumentLength } text
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{text[..MaxArgumentLength]}… ({text.Length} characters)")
            : arg;
}
