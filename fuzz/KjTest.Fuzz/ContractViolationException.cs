namespace KjTest.Fuzz;

/// <summary>
/// A target's result broke its contract without an exception of its own (for example a failure with no error
/// diagnostic, or a run past its instruction budget). Thrown out of the target, it is a crash to afl-fuzz.
/// </summary>
public sealed class ContractViolationException : Exception
{
    /// <summary>Creates the exception with no message.</summary>
    public ContractViolationException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public ContractViolationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public ContractViolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
