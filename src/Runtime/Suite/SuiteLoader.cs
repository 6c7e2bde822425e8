using System.Security.Cryptography;
using KjTest.Dsl.Checking;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Images;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Text;
using KjTest.Dsl.Yaml;
using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Suite;

/// <summary>
/// The one place that turns paths into a suite: discovery (files, folders, globs, each file once), reading with
/// every front end, checking with image content resolved, and planning. Every door (the CLI, the NUnit adapter)
/// loads through it, so a file means the same everywhere.
/// </summary>
public sealed class SuiteLoader
{
    private readonly ScenarioReader _reader;
    private readonly ScenarioChecker _checker;

    /// <summary>Creates a loader over the given reader and checker.</summary>
    public SuiteLoader(ScenarioReader reader, ScenarioChecker checker)
    {
        _reader = reader;
        _checker = checker;
    }

    /// <summary>A reader for every scenario syntax (YAML and .kjt).</summary>
    public static ScenarioReader CreateReader() => new([new YamlFrontEnd(), new KjtFrontEnd()]);

    /// <summary>The semantic checker, with image content resolved (assembly, hex, raw and ELF files, entry labels).</summary>
    /// <remarks>It shares the planner's resolver, so a file's assembly is assembled once for checking and planning.</remarks>
    public static ScenarioChecker CreateChecker() => new(new ResolvingImageChecker(ScenarioMachine.Resolver));

    /// <summary>A loader over every front end and the resolving checker.</summary>
    public static SuiteLoader Default() => new(CreateReader(), CreateChecker());

    /// <summary>The reader this loader uses.</summary>
    public ScenarioReader Reader => _reader;

    /// <summary>
    /// Expands <paramref name="paths"/> and reads, checks and plans every file found, with <paramref name="overrides"/>
    /// applied before planning; ids are relative to <paramref name="root"/> (default: the working directory). With
    /// <paramref name="strict"/> every warning counts as an error: a file with one is invalid and has no plan. Up to
    /// <paramref name="jobs"/> files load at once; the result is the same, in the same order, whatever the number.
    /// </summary>
    public SuiteLoad Load(IEnumerable<string> paths, string? root = null, SuiteOverrides? overrides = null, bool strict = false, int jobs = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var (files, unmatched) = ScenarioDiscovery.Expand(paths, _reader);
        var baseRoot = Path.GetFullPath(root ?? Directory.GetCurrentDirectory());
        var loaded = new IReadOnlyList<SuiteFile>[files.Count];
        void LoadAt(int i)
        {
            loaded[i] = [.. LoadFile(files[i], baseRoot, overrides ?? SuiteOverrides.None).Select(f => strict ? Strict(f) : f)];
        }

        if (jobs == 1 || files.Count < 2)
        {
            for (var i = 0; i < files.Count; i++)
            {
                LoadAt(i);
            }
        }
        else
        {
            // Reading, checking and planning share only thread-safe state (the resolver's caches, the grammars).
            Parallel.For(0, files.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, LoadAt);
        }

        return new SuiteLoad([.. loaded.SelectMany(cells => cells)], unmatched);
    }

    /// <summary>Warnings as errors: the checker's, the planner's and the front ends' alike.</summary>
    private static SuiteFile Strict(SuiteFile file)
    {
        if (!file.Parsed.Diagnostics.Any(d => d.Severity == Severity.Warning))
        {
            return file;
        }

        var promoted = file.Parsed.Diagnostics
            .Select(d => d.Severity == Severity.Warning ? d with { Descriptor = d.Descriptor with { Severity = Severity.Error } } : d)
            .ToList();
        return file with { Parsed = file.Parsed with { Diagnostics = promoted }, Plan = null };
    }

    /// <summary>
    /// The file's scenario once, or once per era when it states a per-era outcome or the run names eras. An era the
    /// run asks for that cannot run the scenario is a skip with the planner's reason; an era the file itself names
    /// must plan, like any scenario.
    /// </summary>
    private IEnumerable<SuiteFile> LoadFile(string path, string root, SuiteOverrides overrides)
    {
        var parsed = _checker.Check(_reader.ReadFile(path));
        var hash = BoundedFile.Read(path, BoundedFile.ScenarioLimit).Bytes is { } bytes ? Convert.ToHexString(SHA256.HashData(bytes))[..16].ToLowerInvariant() : "";
        var relative = Path.GetRelativePath(root, Path.GetFullPath(path)).Replace('\\', '/');
        if (!parsed.Succeeded)
        {
            yield return new SuiteFile(path, parsed, null, hash, relative);
            yield break;
        }

        var scenario = overrides.Apply(parsed.Scenario!);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        if (overrides.Eras is null && scenario.EraOutcomes.Count == 0)
        {
            yield return Planned(path, parsed with { Scenario = scenario }, hash, relative, directory);
            yield break;
        }

        var own = scenario.Eras;
        foreach (var era in overrides.Eras ?? own)
        {
            var instance = EraMatrix.On(scenario, era);
            var file = Planned(path, parsed with { Scenario = instance }, hash, relative, directory) with { Written = parsed };
            yield return file.Valid || own.Contains(era) ? file : file with { Parsed = parsed with { Scenario = EraMatrix.CannotRun(instance, era, file.Parsed.Diagnostics) }, Plan = null };
        }
    }

    private static SuiteFile Planned(string path, ParseResult parsed, string hash, string relative, string directory)
    {
        var planned = ScenarioPlanner.Plan(parsed.Scenario!, directory);
        var withPlan = planned.Diagnostics.Count == 0 ? parsed : parsed with { Diagnostics = [.. parsed.Diagnostics, .. planned.Diagnostics] };
        return new SuiteFile(path, withPlan, planned.Plan, hash, relative);
    }
}
