namespace KjTest.Cli;

/// <summary>Process exit codes of <c>kjtest</c>.</summary>
public static class ExitCodes
{
    /// <summary>Everything passed or was valid.</summary>
    public const int Success = 0;

    /// <summary>At least one scenario did not pass.</summary>
    public const int NotPassed = 1;

    /// <summary>Invalid input or usage.</summary>
    public const int Usage = 2;

    /// <summary>KjTest itself failed (an internal error, KJ1901).</summary>
    public const int InternalError = 3;
}
