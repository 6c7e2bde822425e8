namespace KjTest.Runtime.Reports;

/// <summary>The machine-readable reports a run writes.</summary>
public enum ReportFormat
{
    /// <summary>JUnit XML, as Jenkins, GitLab and GitHub read it.</summary>
    Junit,

    /// <summary>KjTest's own JSON, with a schema (<c>kjtest schema --report</c>).</summary>
    Json,

    /// <summary>TAP version 14, with YAML diagnostics for failures.</summary>
    Tap,

    /// <summary>One self-contained HTML page: summary, filterable results, gaps, console output and memory map pictures.</summary>
    Html,
}
