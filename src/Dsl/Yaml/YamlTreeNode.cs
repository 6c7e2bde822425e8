using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Yaml;

/// <summary>A node of a YAML document as read, with its span; duplicate keys are kept so they can be reported.</summary>
/// <param name="Span">Where the node was written.</param>
internal abstract record YamlTreeNode(SourceSpan Span)
{
    /// <summary>The node's kind for messages: "a mapping", "a list" or "a scalar".</summary>
    public abstract string KindName { get; }
}
