using KjTest.Dsl.Diagnostics;
using YamlDotNet.Core;

namespace KjTest.Dsl.Yaml;

/// <summary>A scalar: its value with quotes and block indentation removed, and how it was written.</summary>
/// <param name="Span">Where the scalar was written (quotes and block indicators included).</param>
/// <param name="Value">The value.</param>
/// <param name="Style">Plain, quoted, literal or folded.</param>
internal sealed record YamlTreeScalar(SourceSpan Span, string Value, ScalarStyle Style) : YamlTreeNode(Span)
{
    /// <inheritdoc />
    public override string KindName => "a scalar";

    /// <summary>True for a plain scalar with no text (<c>key:</c> with nothing after it), or <c>~</c> / <c>null</c>.</summary>
    public bool IsNull => Style == ScalarStyle.Plain && Value is "" or "~" or "null" or "Null" or "NULL";
}
