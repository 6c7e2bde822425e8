using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Yaml;

/// <summary>A mapping, with its entries in written order (duplicates included).</summary>
/// <param name="Span">Where the mapping was written.</param>
/// <param name="Entries">The entries in order.</param>
internal sealed record YamlTreeMapping(SourceSpan Span, IReadOnlyList<YamlTreeEntry> Entries) : YamlTreeNode(Span)
{
    /// <inheritdoc />
    public override string KindName => "a mapping";
}
