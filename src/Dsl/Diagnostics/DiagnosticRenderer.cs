using System.Text;

namespace KjTest.Dsl.Diagnostics;

/// <summary>
/// Renders diagnostics as compilers do: <c>path:line:col: error KJ1234: message</c>, the source
/// line, a caret line under the span, and an optional hint.
/// </summary>
public static class DiagnosticRenderer
{
    /// <summary>Renders one diagnostic; <paramref name="source"/> supplies the line shown, if known.</summary>
    public static string Render(Diagnostic diagnostic, SourceText? source)
    {
        var builder = new StringBuilder();
        builder.Append(diagnostic.ToString()).Append('\n');
        if (source is not null && diagnostic.Span.IsKnown && diagnostic.Span.Line <= source.LineCount)
        {
            var line = source.LineText(diagnostic.Span.Line).Replace('\t', ' ');
            var start = Math.Clamp(diagnostic.Span.Column - 1, 0, line.Length);
            var width = diagnostic.Span.EndLine == diagnostic.Span.Line
                ? diagnostic.Span.EndColumn - diagnostic.Span.Column
                : line.Length - start;
            width = Math.Clamp(width, 1, Math.Max(1, line.Length - start));
            var gutter = diagnostic.Span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.Append(' ').Append(gutter).Append(" | ").Append(line).Append('\n');
            builder.Append(' ').Append(' ', gutter.Length).Append(" | ").Append(' ', start).Append('^', width).Append('\n');
        }

        if (diagnostic.Hint is not null)
        {
            builder.Append("  = hint: ").Append(diagnostic.Hint).Append('\n');
        }

        return builder.ToString();
    }
}
