using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Yaml;

/// <summary>A sequence (list).</summary>
/// <param name="Span">Where the sequence was written.</param>
/// <param name="Items">The items in order.</param>
internal sealed record YamlTreeSequence(SourceSpan Span, IReadOnlyList<YamlTreeNode> Items) : YamlTreeNode(Span)
{
    /// <inheritdoc />
    public override string KindName => "a list";
}
