namespace KjTest.Dsl.Model;

/// <summary>The verdict of one scenario run (DESIGN.md section 5).</summary>
public enum OutcomeKind
{
    /// <summary>Every expectation held and A's state came back intact.</summary>
    Pass,

    /// <summary>A's state was not preserved.</summary>
    Gap,

    /// <summary>An explicit expectation was not met.</summary>
    Fail,

    /// <summary>An unexpected triple fault or guest exception.</summary>
    Crash,

    /// <summary>The guest ran past its limits.</summary>
    Timeout,

    /// <summary>The scenario is invalid or KjTest hit a fault of its own.</summary>
    Error,

    /// <summary>The scenario was not run.</summary>
    Skip,
}
