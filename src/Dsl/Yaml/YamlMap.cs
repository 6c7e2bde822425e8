using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Yaml;

/// <summary>
/// A mapping checked against the keys valid at its place: non-scalar, duplicate and unknown keys are
/// reported once, and the first occurrence of each key is what lookups return.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, YamlTreeEntry> _byKey = new(StringComparer.Ordinal);
    private readonly List<(YamlTreeScalar Key, YamlTreeNode Value)> _entries = [];

    /// <summary>Checks <paramref name="mapping"/>; <paramref name="allowedKeys"/> null means any key is valid.</summary>
    public YamlMap(YamlTreeMapping mapping, string place, IReadOnlyList<string>? allowedKeys, DiagnosticBag diagnostics)
    {
        Node = mapping;
        Place = place;
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not YamlTreeScalar key)
            {
                diagnostics.Report(DiagnosticCatalogue.NonScalarKey, entry.Key.Span, entry.Key.KindName);
                continue;
            }

            if (_byKey.TryGetValue(key.Value, out var first))
            {
                diagnostics.Report(DiagnosticCatalogue.DuplicateKey, key.Span, key.Value, first.Key.Span.Line);
                continue;
            }

            if (allowedKeys is not null && !allowedKeys.Contains(key.Value))
            {
                diagnostics.ReportWithHint(DiagnosticCatalogue.UnknownKey, key.Span, Suggestions.DidYouMean(key.Value, allowedKeys), key.Value, place);
                continue;
            }

            _byKey[key.Value] = entry;
            _entries.Add((key, entry.Value));
        }
    }

    /// <summary>The mapping node.</summary>
    public YamlTreeMapping Node { get; }

    /// <summary>Where the mapping sits, for messages ("the scenario", "a device").</summary>
    public string Place { get; }

    /// <summary>The valid entries in written order, without duplicates.</summary>
    public IReadOnlyList<(YamlTreeScalar Key, YamlTreeNode Value)> Entries => _entries;

    /// <summary>True when the key was written (and is valid here).</summary>
    public bool Has(string key) => _byKey.ContainsKey(key);

    /// <summary>The value of a key, or null.</summary>
    public YamlTreeNode? this[string key] => _byKey.TryGetValue(key, out var entry) ? entry.Value : null;

    /// <summary>The key node of a key, or null.</summary>
    public YamlTreeScalar? KeyOf(string key) => _byKey.TryGetValue(key, out var entry) ? (YamlTreeScalar)entry.Key : null;
}
