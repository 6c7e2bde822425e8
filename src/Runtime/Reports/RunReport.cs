using KjTest.Dsl.Model;
using KjTest.Runtime.Suite;

namespace KjTest.Runtime.Reports;

/// <summary>What a run's reports are made of: every result, in input order, and the counts of the summary line.</summary>
/// <param name="Results">The results.</param>
public sealed record RunReport(IReadOnlyList<SuiteResult> Results)
{
    /// <summary>Scenarios that produced their stated outcome (skips excluded).</summary>
    public int Passed => Results.Count(r => r.Result.Passed && r.Result.Actual != OutcomeKind.Skip);

    /// <summary>Scenarios that did not.</summary>
    public int Failed => Results.Count(r => !r.Result.Passed);

    /// <summary>Scenarios not run because they state <c>outcome: skip</c>.</summary>
    public int Skipped => Results.Count(r => r.Result.Actual == OutcomeKind.Skip);

    /// <summary>Host time of all the results.</summary>
    public TimeSpan Duration => Results.Aggregate(TimeSpan.Zero, (t, r) => t + r.Duration);

    /// <summary>Writes every report of <paramref name="targets"/>, each atomically (a temporary file, then a rename).</summary>
    public void Write(IEnumerable<ReportTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        foreach (var target in targets)
        {
            ReportFile.Write(target.Path, stream =>
            {
                switch (target.Format)
                {
                    case ReportFormat.Junit:
                        JunitReport.Write(this, stream);
                        break;
                    case ReportFormat.Json:
                        JsonReport.Write(this, stream);
                        break;
                    case ReportFormat.Html:
                        HtmlReport.Write(this, stream);
                        break;
                    default:
                        TapReport.Write(this, stream);
                        break;
                }
            });
        }
    }
}
