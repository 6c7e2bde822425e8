using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Values;
using YamlDotNet.Core;

namespace KjTest.Dsl.Yaml;

internal sealed partial class YamlScenarioMapper
{
    private YamlMap? Map(YamlTreeNode? node, string what, string place, IReadOnlyList<string>? keys)
    {
        if (node is null)
        {
            return null;
        }

        if (node is YamlTreeMapping mapping)
        {
            return new YamlMap(mapping, place, keys, _diagnostics);
        }

        WrongKind(node, what, "a mapping");
        return null;
    }

    private YamlTreeSequence? Sequence(YamlTreeNode? node, string what)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlTreeSequence sequence:
                return sequence;
            default:
                WrongKind(node, what, "a list");
                return null;
        }
    }

    /// <summary>The items of a list, or the node itself when a single value stands for a one-item list.</summary>
    private static IReadOnlyList<YamlTreeNode> ListOrOne(YamlTreeNode node) =>
        node is YamlTreeSequence sequence ? sequence.Items : [node];

    private YamlTreeScalar? Scalar(YamlTreeNode? node, string what)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlTreeScalar { IsNull: true } empty:
                _diagnostics.Report(DiagnosticCatalogue.MissingValue, empty.Span, what);
                return null;
            case YamlTreeScalar scalar:
                return scalar;
            default:
                WrongKind(node, what, "a scalar");
                return null;
        }
    }

    private void WrongKind(YamlTreeNode node, string what, string expected)
    {
        var actual = node is YamlTreeScalar { IsNull: true } ? "empty" : node.KindName;
        _diagnostics.Report(DiagnosticCatalogue.WrongNodeKind, node.Span, what, expected, actual);
    }

    private Located<string>? Text(YamlTreeNode? node, string what) =>
        Scalar(node, what) is { } scalar ? new Located<string>(scalar.Value, scalar.Span) : null;

    private Located<ulong>? Number64(YamlTreeNode? node, string what) =>
        Number(node, what, 64) is { } n ? new Located<ulong>((ulong)n.Value, n.Span) : null;

    private Located<UInt128>? Number(YamlTreeNode? node, string what, int bits) =>
        Scalar(node, what) is { } scalar && ValueReader.Number(scalar.Value, scalar.Span, bits, _diagnostics) is { } value
            ? new Located<UInt128>(value, scalar.Span)
            : null;

    private Located<long>? Signed(YamlTreeNode? node, string what) =>
        Scalar(node, what) is { } scalar && ValueReader.Signed(scalar.Value, scalar.Span, _diagnostics) is { } value
            ? new Located<long>(value, scalar.Span)
            : null;

    private Located<ulong>? Size(YamlTreeNode? node, string what) =>
        Scalar(node, what) is { } scalar && ValueReader.Size(scalar.Value, scalar.Span, _diagnostics) is { } value
            ? new Located<ulong>(value, scalar.Span)
            : null;

    private Located<bool>? Bool(YamlTreeNode? node, string what)
    {
        if (Scalar(node, what) is not { } scalar)
        {
            return null;
        }

        switch (scalar.Value)
        {
            case "true":
                return new Located<bool>(true, scalar.Span);
            case "false":
                return new Located<bool>(false, scalar.Span);
            default:
                _diagnostics.Report(DiagnosticCatalogue.InvalidBool, scalar.Span, scalar.Value);
                return null;
        }
    }

    private Located<T>? Choice<T>(YamlTreeNode? node, string what, string kindName, IReadOnlyDictionary<string, T> words)
        where T : struct
    {
        if (Scalar(node, what) is not { } scalar)
        {
            return null;
        }

        if (words.TryGetValue(scalar.Value, out var value))
        {
            return new Located<T>(value, scalar.Span);
        }

        _diagnostics.ReportWithHint(
            DiagnosticCatalogue.InvalidChoice,
            scalar.Span,
            Suggestions.DidYouMean(scalar.Value, words.Keys),
            scalar.Value,
            kindName,
            string.Join(", ", words.Keys));
        return null;
    }

    /// <summary>A number, or a label when the text does not start like a number.</summary>
    private Located<SymbolOrNumber>? SymbolOrNumberOf(YamlTreeNode? node, string what)
    {
        if (Scalar(node, what) is not { } scalar)
        {
            return null;
        }

        if (!NumberSyntax.LooksNumeric(scalar.Value))
        {
            return new Located<SymbolOrNumber>(SymbolOrNumber.Of(scalar.Value), scalar.Span);
        }

        return Number64(scalar, what) is { } number ? new Located<SymbolOrNumber>(SymbolOrNumber.Of(number.Value), number.Span) : null;
    }

    private SourceSpan Join(YamlTreeNode first, YamlTreeNode last)
    {
        var end = last.Span.Offset + last.Span.Length;
        return _source.Span(first.Span.Offset, Math.Max(0, end - first.Span.Offset));
    }

    /// <summary>
    /// Embedded assembly or hex with the file position of each of its lines. In a literal block each
    /// text line is the tail of the next file line; in a quoted or plain scalar the text starts just
    /// after the opening quote.
    /// </summary>
    private EmbeddedText Embedded(YamlTreeScalar scalar)
    {
        var text = scalar.Value;
        var lines = text.Split('\n');
        var origins = new List<TextOrigin>(lines.Length);
        if (scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
        {
            var indentColumn = 0;
            for (var i = 0; i < lines.Length; i++)
            {
                var fileLine = scalar.Span.Line + 1 + i;
                var written = _source.LineText(fileLine);
                var column = lines[i].Length > 0 && written.EndsWith(lines[i], StringComparison.Ordinal)
                    ? written.Length - lines[i].Length + 1
                    : 0;
                if (column > 0 && indentColumn == 0)
                {
                    indentColumn = column;
                }

                origins.Add(new TextOrigin(0, fileLine, column));
            }

            if (indentColumn == 0)
            {
                // Folded text does not match file lines; take the block's indentation from its first non-blank line.
                for (var line = scalar.Span.Line + 1; line <= _source.LineCount && indentColumn == 0; line++)
                {
                    var written = _source.LineText(line);
                    if (written.Trim().Length > 0)
                    {
                        indentColumn = written.Length - written.TrimStart(' ').Length + 1;
                    }
                }
            }

            indentColumn = Math.Max(1, indentColumn);
            for (var i = 0; i < origins.Count; i++)
            {
                var origin = origins[i];
                var column = origin.Column == 0 ? indentColumn : origin.Column;
                var line = Math.Min(origin.Line, _source.LineCount);
                origins[i] = new TextOrigin(_source.Offset(line, column), line, column);
            }
        }
        else
        {
            var quote = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted ? 1 : 0;
            origins.Add(new TextOrigin(scalar.Span.Offset + quote, scalar.Span.Line, scalar.Span.Column + quote));
        }

        return new EmbeddedText(text, scalar.Span, origins);
    }
}
