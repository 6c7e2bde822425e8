namespace KjTest.Runtime.Suite;

/// <summary>What selection can ask of a scenario.</summary>
/// <param name="Name">The scenario's name.</param>
/// <param name="Tags">Its tags.</param>
/// <param name="Era">Its era (<c>cur</c>, <c>k614</c>, <c>k30</c>, <c>k27</c>).</param>
/// <param name="Arch">Its architecture (<c>x86_64</c>, <c>i386</c>).</param>
/// <param name="File">Its file, relative to the suite's root.</param>
public sealed record SuiteFacts(string Name, IReadOnlyList<string> Tags, string Era, string Arch, string File)
{
    /// <summary>The facts of <paramref name="file"/> (of a file that did not read: its name only).</summary>
    public static SuiteFacts Of(SuiteFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var scenario = file.Parsed.Scenario;
        return new SuiteFacts(
            file.Name,
            scenario?.Tags.Select(t => t.Value).ToList() ?? [],
            scenario?.EffectiveEra.ToString().ToLowerInvariant() ?? "",
            scenario is null ? "" : scenario.EffectiveArch == Dsl.Model.Arch.I386 ? "i386" : "x86_64",
            file.RelativePath);
    }
}
