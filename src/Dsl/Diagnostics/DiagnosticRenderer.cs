using System.Text;

namespace KjTest.Dsl.Diagnostics;

/// <summary>
/// Renders diagnostics as compilers do: <c>path:line:col: error KJ1234: message</c>, the source
/// line, a caret line under the span, and an optional hint.
/// </summary>
public static class DiagnosticRenderer
{
    /// <summary>The most columns of a source line shown; a longer line is cut to a window around the caret.</summary>
    public const int LineWindow = 120;

    /// <summary>Columns kept before the caret when a line is cut.</summary>
    private const int Lead = 40;

    private const string Cut = "…";

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
            // A minified or generated line can be megabytes long: show only a window around the caret.
            var from = line.Length > LineWindow ? Math.Clamp(start - Lead, 0, line.Length - LineWindow) : 0;
            var to = Math.Min(line.Length, from + LineWindow);
            var before = from > 0 ? Cut : "";
            var shown = before + line[from..to] + (to < line.Length ? Cut : "");
            width = Math.Clamp(width, 1, Math.Max(1, to - start));
            var gutter = diagnostic.Span.Line.ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.Append(' ').Append(gutter).Append(" | ").Append(shown).Append('\n');
            builder.Append(' ').Append(' ', gutter.Length).Append(" | ").Append(' ', before.Length + start - from).Append('^', width).Append('\n');
        }

        if (diagnostic.Hint is not null)
        {
            builder.Append("  = hint: ").Append(diagnostic.Hint).Append('\n');
        }

        return builder.ToString();
    }
}
