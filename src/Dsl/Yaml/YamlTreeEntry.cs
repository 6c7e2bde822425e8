namespace KjTest.Dsl.Yaml;

/// <summary>One key-value pair of a mapping.</summary>
/// <param name="Key">The key as written; a non-scalar key is kept so it can be reported.</param>
/// <param name="Value">The value.</param>
internal sealed record YamlTreeEntry(YamlTreeNode Key, YamlTreeNode Value);
