using KjTest.Dsl.Model;

namespace KjTest.Dsl.Vocabulary;

/// <summary>
/// The words for the model's enumerations, shared by both front ends, both writers and the schema:
/// read in any case, written (and listed) in lower case.
/// </summary>
public static class Words
{
    /// <summary>Kernel eras.</summary>
    public static IReadOnlyDictionary<string, Era> Eras { get; } = Build<Era>(e => e.ToString().ToLowerInvariant());

    /// <summary>Architectures.</summary>
    public static IReadOnlyDictionary<string, Arch> Arches { get; } = Build<Arch>(a => a.ToString().ToLowerInvariant());

    /// <summary>Scenario outcomes.</summary>
    public static IReadOnlyDictionary<string, OutcomeKind> Outcomes { get; } = Build<OutcomeKind>(o => o.ToString().ToLowerInvariant());

    /// <summary>Memory map range kinds.</summary>
    public static IReadOnlyDictionary<string, MemoryRegionKind> RegionKinds { get; } = Build<MemoryRegionKind>(k => k.ToString().ToLowerInvariant());

    /// <summary>Console match modes.</summary>
    public static IReadOnlyDictionary<string, ConsoleMatch> ConsoleMatches { get; } = Build<ConsoleMatch>(m => m.ToString().ToLowerInvariant());

    /// <summary>State classes of a preserved expectation.</summary>
    public static IReadOnlyDictionary<string, StateClass> StateClasses { get; } = Build<StateClass>(c => c.ToString().ToLowerInvariant());


    /// <summary>Which image an <c>unload</c> step removes.</summary>
    public static IReadOnlyDictionary<string, bool> UnloadTargets { get; } = new Dictionary<string, bool>(StringComparer.OrdinalIgnoreCase)
    {
        ["normal"] = false,
        ["crash"] = true,
    };

    /// <summary>The word for an enumeration value.</summary>
    public static string Of<T>(IReadOnlyDictionary<string, T> words, T value)
        where T : struct =>
        words.First(w => EqualityComparer<T>.Default.Equals(w.Value, value)).Key;

    private static Dictionary<string, T> Build<T>(Func<T, string> spell)
        where T : struct, Enum =>
        Enum.GetValues<T>().ToDictionary(spell, v => v, StringComparer.OrdinalIgnoreCase);
}
