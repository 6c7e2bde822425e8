using YamlDotNet.Core;

namespace KjTest.Dsl.Yaml;

/// <summary>A mapping or sequence being built by <see cref="YamlTreeBuilder"/>: where it started and its children so far.</summary>
internal sealed class YamlTreeFrame(Mark start, bool isMapping)
{
    public Mark Start { get; } = start;

    public bool IsMapping { get; } = isMapping;

    public List<YamlTreeNode> Items { get; } = [];
}
