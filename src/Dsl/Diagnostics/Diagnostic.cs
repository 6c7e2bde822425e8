namespace KjTest.Dsl.Diagnostics;

/// <summary>One problem found in user input. Diagnostics are values: front ends return them, never throw them.</summary>
/// <param name="Descriptor">The catalogue entry.</param>
/// <param name="Span">Where the problem is.</param>
/// <param name="Message">The filled-in message.</param>
/// <param name="Hint">An optional hint such as "did you mean `PRESERVE_CONTEXT`?".</param>
public sealed record Diagnostic(DiagnosticDescriptor Descriptor, SourceSpan Span, string Message, string? Hint)
{
    /// <summary>The stable id, e.g. <c>KJ1001</c>.</summary>
    public string Id => Descriptor.Id;

    /// <summary>The severity.</summary>
    public Severity Severity => Descriptor.Severity;

    /// <summary>True for errors.</summary>
    public bool IsError => Descriptor.Severity == Severity.Error;

    /// <summary>The first line as printed: <c>path:line:col: error KJ1234: message</c>.</summary>
    public override string ToString() =>
        $"{Span.Path}:{Span.Line}:{Span.Column}: {(IsError ? "error" : "warning")} {Id}: {Message}";
}
