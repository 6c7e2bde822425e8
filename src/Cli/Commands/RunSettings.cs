using System.ComponentModel;
using Spectre.Console;
using KjTest.Runtime.Reports;
using KjTest.Runtime.Suite;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>Settings of <c>kjtest run</c>.</summary>
public sealed class RunSettings : DiagnosticSettings
{
    /// <summary>Scenario files, folders (searched recursively) or globs.</summary>
    [CommandArgument(0, "<paths>")]
    [Description("Scenario files, folders (searched recursively for .yaml, .yml, .kjt) or globs.")]
    public string[] Paths { get; init; } = [];

    /// <summary>Adds instructions retired, emulated time and pages swapped per scenario.</summary>
    [CommandOption("--stats")]
    [Description("Print instructions retired, emulated time and pages swapped for each scenario.")]
    public bool Stats { get; init; }

    /// <summary>Treats every warning as an error: a file with one is invalid, counted as failed, and the exit code is 2.</summary>
    [CommandOption("--strict")]
    [Description("Treat warnings as errors: a file with a warning is invalid (it counts as failed and the exit code is 2).")]
    public bool Strict { get; init; }

    /// <summary>Scenarios run in parallel; output order stays the input order.</summary>
    [CommandOption("--jobs <N>")]
    [Description("Run N scenarios in parallel (default 1); the output order does not change.")]
    public int Jobs { get; init; } = 1;

    /// <inheritdoc />
    /// <summary>Run only scenarios the expression selects (a name substring or glob, or e.g. <c>tag=smoke &amp; era!=k27</c>).</summary>
    [CommandOption("--filter <EXPR>")]
    [Description("Run only the scenarios EXPR selects: a substring or glob of the name, or a boolean expression over name, tag, era, arch and file, such as 'tag=smoke & era!=k27'.")]
    public string? Filter { get; init; }

    /// <summary>Run only scenarios with one of these tags.</summary>
    [CommandOption("--tag <TAG>")]
    [Description("Run only scenarios with this tag (repeatable: any of them).")]
    public string[] Tags { get; init; } = [];

    /// <summary>Never run scenarios with one of these tags.</summary>
    [CommandOption("--exclude-tag <TAG>")]
    [Description("Do not run scenarios with this tag (repeatable).")]
    public string[] ExcludeTags { get; init; } = [];

    /// <summary>Run shard I of N.</summary>
    [CommandOption("--shard <I/N>")]
    [Description("Run shard I of N (1-based): every scenario is in exactly one shard, chosen by its stable id, the shards balanced by count.")]
    public string? Shard { get; init; }

    /// <summary>The seed of every scenario.</summary>
    [CommandOption("--seed <N>")]
    [Description("Use seed N for every scenario instead of its own.")]
    public ulong? Seed { get; init; }

    /// <summary>The instruction budget of every jump.</summary>
    [CommandOption("--max-instructions <N>")]
    [Description("The instruction budget of every jump, instead of each scenario's limit.")]
    public ulong? MaxInstructions { get; init; }

    /// <summary>The time limit of every jump.</summary>
    [CommandOption("--timeout-ms <N>")]
    [Description("The time limit of every jump in emulated milliseconds (one instruction per nanosecond), instead of each scenario's limit.")]
    public ulong? TimeoutMilliseconds { get; init; }

    /// <summary>Run every scenario on this era.</summary>
    [CommandOption("--era <ERA>")]
    [Description("Run every scenario on ERA (cur, k614, k30, k27) instead of its own; results are named name[[era]], and a scenario the era cannot run is skipped with the reason.")]
    public string? Era { get; init; }

    /// <summary>Run every scenario once per era.</summary>
    [CommandOption("--eras <LIST>")]
    [Description("Run every scenario once per era of LIST (such as cur,k614,k30, or all); results are named name[[era]], and an era a scenario cannot run on is a skip with the reason.")]
    public string? Eras { get; init; }

    /// <summary>Rerun what did not pass last time.</summary>
    [CommandOption("--last-failed")]
    [Description("Run only the scenarios that did not pass in the previous runs, as recorded in the cache folder (.kjtest/); with none recorded, run all.")]
    public bool LastFailed { get; init; }

    /// <summary>Rerun what a JSON report records as not passed.</summary>
    [CommandOption("--rerun-failed <REPORT>")]
    [Description("Run only the scenarios that did not pass in REPORT, a JSON report written by --report json=PATH.")]
    public string? RerunFailed { get; init; }

    /// <summary>The cache folder.</summary>
    [CommandOption("--cache-dir <DIR>")]
    [Description("The folder of the --last-failed cache (default .kjtest in the working directory); every run updates it.")]
    public string CacheDir { get; init; } = LastFailedCache.DefaultFolder;

    /// <summary>Stop at the first scenario that does not pass.</summary>
    [CommandOption("--fail-fast")]
    [Description("Stop at the first scenario that does not pass; scenarios not yet started do not run.")]
    public bool FailFast { get; init; }

    /// <summary>Print only the scenarios that do not pass and the summary.</summary>
    [CommandOption("-q|--quiet")]
    [Description("Print only the scenarios that do not pass, with their reports, and the summary line.")]
    public bool Quiet { get; init; }

    /// <summary>Print the report of every scenario, passing ones too.</summary>
    [CommandOption("-v|--verbose")]
    [Description("Print the report of every scenario, passing ones too (their messages: events taken, plain kexec ends).")]
    public bool Verbose { get; init; }

    /// <summary>Reports to write, <c>FORMAT=PATH</c>.</summary>
    [CommandOption("--report <FORMAT=PATH>")]
    [Description("Also write a report: junit=PATH, json=PATH, tap=PATH or html=PATH (one self-contained page with a picture of each memory map) (repeatable); each file is written whole or not at all.")]
    public string[] Reports { get; init; } = [];

    /// <summary>The reports the options name (they were validated).</summary>
    public IReadOnlyList<ReportTarget> ReportTargets() => [.. Reports.Select(r => ReportTarget.Parse(r, out _)!)];

    /// <summary>The eras <c>--era</c> or <c>--eras</c> name, null for each scenario's own; null with <paramref name="error"/> when one is not an era.</summary>
    public IReadOnlyList<Dsl.Model.Era>? EraList(out string? error)
    {
        error = null;
        var (option, text) = Era is { } one ? ("--era", one) : Eras is { } many ? ("--eras", many) : (null, null);
        return option is null || text is null ? null : global::KjTest.Runtime.Suite.EraList.Parse(text, option, option == "--eras", out error);
    }

    /// <summary>The selection the options describe; null (with <paramref name="error"/>) when one does not parse.</summary>
    public SuiteSelection? Selection(out string? error)
    {
        error = null;
        SuiteFilter? filter = null;
        if (Filter is { } text && (filter = SuiteFilter.Parse(text, out error)) is null)
        {
            return null;
        }

        (int, int)? shard = null;
        if (Shard is { } written)
        {
            var parts = written.Split('/');
            if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var index)
                || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var count) || count < 1 || index < 1 || index > count)
            {
                error = $"--shard '{written}': write I/N with 1 <= I <= N, such as 1/4";
                return null;
            }

            shard = (index, count);
        }

        return new SuiteSelection(filter, Tags, ExcludeTags, shard);
    }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } limit)
        {
            return limit;
        }

        if (Jobs < 1)
        {
            return ValidationResult.Error("--jobs must be at least 1");
        }

        if (Quiet && Verbose)
        {
            return ValidationResult.Error("--quiet and --verbose exclude each other");
        }

        if (Era is not null && Eras is not null)
        {
            return ValidationResult.Error("--era and --eras exclude each other");
        }

        if (LastFailed && RerunFailed is not null)
        {
            return ValidationResult.Error("--last-failed and --rerun-failed exclude each other");
        }

        if ((Era is not null || Eras is not null) && EraList(out var eraError) is null)
        {
            return ValidationResult.Error(eraError!);
        }

        foreach (var report in Reports)
        {
            if (ReportTarget.Parse(report, out var bad) is null)
            {
                return ValidationResult.Error(bad!);
            }
        }

        return Selection(out var error) is null ? ValidationResult.Error(error!) : ValidationResult.Success();
    }
}
