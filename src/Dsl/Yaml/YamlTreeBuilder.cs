using KjTest.Dsl.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace KjTest.Dsl.Yaml;

/// <summary>
/// Builds a <see cref="YamlTreeNode"/> tree from YamlDotNet's parser events. Iterative, so deeply
/// nested input cannot exhaust the stack; syntax errors become diagnostics at YamlDotNet's marks.
/// </summary>
internal static class YamlTreeBuilder
{
    /// <summary>Deeper nesting than any scenario needs; refused so that hostile input stays cheap.</summary>
    public const int MaxDepth = 64;

    /// <summary>Reads the single document of <paramref name="source"/>; null when there is none or it is unreadable.</summary>
    public static YamlTreeNode? Build(SourceText source, DiagnosticBag diagnostics)
    {
        var parser = new Parser(new StringReader(source.Text));
        var stack = new Stack<YamlTreeFrame>();
        YamlTreeNode? root = null;
        var documents = 0;
        var lastEnd = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                lastEnd = current.End;
                switch (current)
                {
                    case DocumentStart start when !start.IsImplicit || documents > 0:
                        documents++;
                        if (documents > 1)
                        {
                            diagnostics.Report(DiagnosticCatalogue.YamlMultipleDocuments, SpanOf(source, start.Start, start.End));
                            return null;
                        }

                        break;
                    case DocumentStart:
                        documents++;
                        break;
                    case AnchorAlias alias:
                        diagnostics.Report(DiagnosticCatalogue.YamlAliasNotSupported, SpanOf(source, alias.Start, alias.End), alias.Value.ToString());
                        return null;
                    case Scalar scalar:
                        Add(stack, new YamlTreeScalar(SpanOf(source, scalar.Start, scalar.End), scalar.Value, scalar.Style), ref root);

                        break;
                    case SequenceStart or MappingStart:
                        if (stack.Count >= MaxDepth)
                        {
                            diagnostics.Report(DiagnosticCatalogue.YamlTooDeep, SpanOf(source, current.Start, current.End), MaxDepth);
                            return null;
                        }

                        stack.Push(new YamlTreeFrame(current.Start, current is MappingStart));
                        break;
                    case SequenceEnd or MappingEnd:
                        var frame = stack.Pop();
                        var span = SpanOf(source, frame.Start, current.End);
                        YamlTreeNode node = frame.IsMapping
                            ? new YamlTreeMapping(span, Pair(frame.Items))
                            : new YamlTreeSequence(span, frame.Items);
                        Add(stack, node, ref root);

                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            // A "found ..." message names the problem at the end mark; the start mark is only its context.
            var message = Describe(ex);
            var at = message.Contains("tab", StringComparison.Ordinal) && TabIndentation(source, ex.Start) is { } tab
                ? tab
                : message.Contains("found", StringComparison.Ordinal) && ex.End.Line > 0 ? SpanOf(source, ex.End, ex.End) : SpanOf(source, ex.Start, ex.End);
            diagnostics.Report(DiagnosticCatalogue.YamlSyntax, at, message);
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or IndexOutOfRangeException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these on some malformed input instead of a YamlException.
            diagnostics.Report(DiagnosticCatalogue.YamlSyntax, SpanOf(source, lastEnd, lastEnd), "the YAML reader could not continue after this point");
            return null;
        }

        return root;
    }

    /// <summary>The span between two YamlDotNet marks (1-based line and column).</summary>
    public static SourceSpan SpanOf(SourceText source, Mark start, Mark end)
    {
        var from = OffsetOf(source, start);
        var to = OffsetOf(source, end);
        return source.Span(from, Math.Max(0, to - from));
    }

    /// <summary>The first tab in a line's indentation at or after <paramref name="from"/>: YamlDotNet reports only where the mapping began.</summary>
    private static SourceSpan? TabIndentation(SourceText source, Mark from)
    {
        for (var line = (int)Math.Max(1, Math.Min(from.Line, int.MaxValue)); line <= source.LineCount; line++)
        {
            var text = source.LineText(line);
            var indentation = text.Length - text.TrimStart(' ', '\t').Length;
            var tab = text.IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indentation)
            {
                return source.SpanAt(line, tab + 1, 1);
            }
        }

        return null;
    }

    private static int OffsetOf(SourceText source, Mark mark) =>
        mark.Line <= 0 ? 0 : source.Offset((int)Math.Min(mark.Line, int.MaxValue), (int)Math.Min(mark.Column, int.MaxValue));

    private static string Describe(YamlException ex)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: ...): "; the span already says where.
        var message = ex.Message;
        var marker = message.IndexOf("): ", StringComparison.Ordinal);
        if (message.StartsWith("(Line:", StringComparison.Ordinal) && marker >= 0)
        {
            message = message[(marker + 3)..];
        }

        message = message.Trim().TrimEnd('.');
        return message.Length == 0 ? "invalid YAML" : char.ToLowerInvariant(message[0]) + message[1..];
    }

    private static void Add(Stack<YamlTreeFrame> stack, YamlTreeNode node, ref YamlTreeNode? root)
    {
        if (stack.Count == 0)
        {
            root ??= node;
            return;
        }

        stack.Peek().Items.Add(node);
    }

    private static List<YamlTreeEntry> Pair(List<YamlTreeNode> items)
    {
        var entries = new List<YamlTreeEntry>(items.Count / 2);
        for (var i = 0; i + 1 < items.Count; i += 2)
        {
            entries.Add(new YamlTreeEntry(items[i], items[i + 1]));
        }

        return entries;
    }
}
