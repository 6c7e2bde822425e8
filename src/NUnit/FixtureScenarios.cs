using System.Reflection;
using System.Text;
using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Suite;

namespace KjTest.NUnit;

/// <summary>
/// A fixture's scenarios, from its <see cref="KjTestScenariosAttribute"/>s, through the suite loader every KjTest door
/// uses. Never throws: a pattern, file or name that cannot be a test is a not-runnable case saying why.
/// </summary>
internal static class FixtureScenarios
{
    /// <summary>The cases of <paramref name="fixture"/>, with patterns relative to <paramref name="root"/>.</summary>
    public static IReadOnlyList<ScenarioCase> Discover(Type fixture, string root)
    {
        try
        {
            var attributes = fixture.GetCustomAttributes<KjTestScenariosAttribute>(inherit: true).ToList();
            if (attributes.Count == 0)
            {
                return [Refused(fixture.Name, fixture.Name, root, $"{fixture.Name} names no scenarios: put [KjTestScenarios(\"scenarios/**/*.yaml\")] on it")];
            }

            var cases = attributes.SelectMany(a => FromAttribute(a, root)).ToList();
            return Unique(cases);
        }
#pragma warning disable CA1031 // Discovery must never throw: an unexpected failure is one not-runnable test that says what it was.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return [Refused(fixture.Name, fixture.Name, root, $"KjTest's own error while discovering the scenarios of {fixture.Name}: {e.GetType().Name}: {e.Message}")];
        }
    }

    private static IEnumerable<ScenarioCase> FromAttribute(KjTestScenariosAttribute attribute, string root)
    {
        var label = $"[KjTestScenarios({string.Join(", ", attribute.Patterns.Select(p => $"\"{p}\""))})]";
        if (attribute.Patterns.Count == 0)
        {
            return [Refused(label, label, root, $"{label} names no files: give files, folders or globs relative to the project")];
        }

        if (attribute.Jobs < 1)
        {
            return [Refused(label, label, root, $"{label}: Jobs must be 1 or more, not {attribute.Jobs}")];
        }

        string? error = null;
        var eras = attribute.Eras is { } text ? EraList.Parse(text, "Eras", many: true, out error) : null;
        SuiteFilter? filter = null;
        if (error is null && attribute.Filter is { } expression && (filter = SuiteFilter.Parse(expression, out error)) is null)
        {
            error ??= $"Filter '{expression}' does not parse";
        }

        if (error is not null)
        {
            return [Refused(label, label, root, $"{label}: {error}")];
        }

        var full = attribute.Patterns.Select(p => Path.IsPathRooted(p) ? p : Path.Combine(root, p)).ToList();
        var overrides = eras is null ? SuiteOverrides.None : SuiteOverrides.None with { Eras = eras };
        var load = SuiteLoader.Default().Load(full, root, overrides, attribute.Strict, attribute.Jobs);
        var selected = new SuiteSelection(filter, [], [], null).Apply(load.Files);
        var slots = attribute.Jobs > 1 ? new SemaphoreSlim(attribute.Jobs, attribute.Jobs) : null;
        var unmatched = load.Unmatched.Select(d =>
        {
            var at = full.IndexOf(d.Span.Path);
            var pattern = at >= 0 ? attribute.Patterns[at] : d.Span.Path;
            return Refused($"no files match {pattern}", pattern, root, $"error {d.Id}: no scenario file matches '{pattern}' (looked under {root})");
        });
        return [.. unmatched, .. selected.Select(f => f.Valid ? Runnable(f, root, slots) : Invalid(f, root))];
    }

    private static ScenarioCase Runnable(SuiteFile file, string root, SemaphoreSlim? slots) =>
        new(file.Name, file.Id, file.RelativePath, Path.GetFullPath(file.Path), Math.Max(1, file.Parsed.Scenario!.Name.Span.Line))
        {
            File = file,
            Slots = slots,
        };

    /// <summary>A file that does not read or check: named after the file, its reason the diagnostics as <c>kjtest check</c> renders them.</summary>
    private static ScenarioCase Invalid(SuiteFile file, string root)
    {
        var text = new StringBuilder();
        foreach (var diagnostic in file.Parsed.Diagnostics)
        {
            // The path as the user knows it, relative to the project, not the absolute one discovery used.
            text.Append(DiagnosticRenderer.Render(diagnostic with { Span = diagnostic.Span with { Path = file.RelativePath } }, file.Parsed.Source));
        }

        var line = file.Parsed.Diagnostics.FirstOrDefault(d => d.IsError)?.Span.Line ?? 1;
        return new ScenarioCase(file.RelativePath, $"{file.RelativePath}::{file.RelativePath}", file.RelativePath, Path.GetFullPath(file.Path), Math.Max(1, line))
        {
            File = file,
            NotRunnable = text.ToString().TrimEnd('\n'),
        };
    }

    private static ScenarioCase Refused(string name, string relative, string root, string reason) =>
        new(name, $"{relative}::{name}", relative, Path.Combine(root, relative), 1) { NotRunnable = reason };

    /// <summary>Each file once; a name two files share makes every one of them not runnable, never one merged test.</summary>
    private static List<ScenarioCase> Unique(List<ScenarioCase> cases)
    {
        var once = cases.DistinctBy(c => c.Id, StringComparer.Ordinal).ToList();
        var files = once.GroupBy(c => c.Name, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .ToDictionary(g => g.Key, g => g.Select(c => c.RelativePath).ToList(), StringComparer.Ordinal);
        return [.. once.Select(c => !files.TryGetValue(c.Name, out var paths) || c.NotRunnable is not null ? c : c with
        {
            NotRunnable = $"the name '{c.Name}' is used by {paths.Count} files ({string.Join(", ", paths)}): scenario names must be unique in a fixture; rename one",
            File = null,
        })];
    }
}
