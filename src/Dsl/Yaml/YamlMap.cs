using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Yaml;

/// <summary>
/// A mapping checked against the keys valid at its place: non-scalar, duplicate and unknown keys are
/// reported once, and the first occurrence of each key is what lookups return.
/// </summary>
internal sealed class YamlMap
{
    /// <summary>Mappings with more keys than this get a dictionary; smaller ones are scanned, which allocates less.</summary>
    private const int ScanLimit = 8;

    private readonly List<(YamlTreeScalar Key, YamlTreeNode Value)> _entries;
    private Dictionary<string, int>? _index;

    /// <summary>Checks <paramref name="mapping"/>; <paramref name="allowedKeys"/> null means any key is valid.</summary>
    public YamlMap(YamlTreeMapping mapping, string place, IReadOnlyList<string>? allowedKeys, DiagnosticBag diagnostics)
    {
        Node = mapping;
        Place = place;
        _entries = new List<(YamlTreeScalar Key, YamlTreeNode Value)>(mapping.Entries.Count);
        foreach (var entry in mapping.Entries)
        {
            if (entry.Key is not YamlTreeScalar key)
            {
                diagnostics.Report(DiagnosticCatalogue.NonScalarKey, entry.Key.Span, entry.Key.KindName);
                continue;
            }

            if (IndexOf(key.Value) is var first and >= 0)
            {
                diagnostics.Report(DiagnosticCatalogue.DuplicateKey, key.Span, key.Value, _entries[first].Key.Span.Line);
                continue;
            }

            if (allowedKeys is not null && !allowedKeys.Contains(key.Value))
            {
                diagnostics.ReportWithHint(DiagnosticCatalogue.UnknownKey, key.Span, Suggestions.DidYouMean(key.Value, allowedKeys), key.Value, place);
                continue;
            }

            _entries.Add((key, entry.Value));
            if (_index is not null)
            {
                _index[key.Value] = _entries.Count - 1;
            }
            else if (_entries.Count > ScanLimit)
            {
                _index = new Dictionary<string, int>(StringComparer.Ordinal);
                for (var i = 0; i < _entries.Count; i++)
                {
                    _index[_entries[i].Key.Value] = i;
                }
            }
        }
    }

    /// <summary>The mapping node.</summary>
    public YamlTreeMapping Node { get; }

    /// <summary>Where the mapping sits, for messages ("the scenario", "a device").</summary>
    public string Place { get; }

    /// <summary>The valid entries in written order, without duplicates.</summary>
    public IReadOnlyList<(YamlTreeScalar Key, YamlTreeNode Value)> Entries => _entries;

    /// <summary>True when the key was written (and is valid here).</summary>
    public bool Has(string key) => IndexOf(key) >= 0;

    /// <summary>The value of a key, or null.</summary>
    public YamlTreeNode? this[string key] => IndexOf(key) is var i and >= 0 ? _entries[i].Value : null;

    /// <summary>The key node of a key, or null.</summary>
    public YamlTreeScalar? KeyOf(string key) => IndexOf(key) is var i and >= 0 ? _entries[i].Key : null;

    private int IndexOf(string key)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var found) ? found : -1;
        }

        for (var i = 0; i < _entries.Count; i++)
        {
            if (string.Equals(_entries[i].Key.Value, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
