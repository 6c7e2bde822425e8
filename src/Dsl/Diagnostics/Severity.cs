namespace KjTest.Dsl.Diagnostics;

/// <summary>How serious a diagnostic is. Errors make a scenario invalid.</summary>
public enum Severity
{
    /// <summary>The scenario cannot be used.</summary>
    Error,

    /// <summary>The scenario is usable but probably not what was meant.</summary>
    Warning,
}
