namespace KjTest.Cli;

/// <summary>
/// The last line of defence: an exception that escapes every command is a bug in KjTest (or a host failure such as a
/// full disk under its output), reported in one line with its own id and exit code, never as a stack trace.
/// </summary>
public static class InternalError
{
    /// <summary>The diagnostic id of KjTest's own failures.</summary>
    public const string Id = "KJ1901";

    /// <summary>The option that adds the stack trace to the report.</summary>
    public const string DebugOption = "--debug";

    /// <summary>Writes the one-line report of <paramref name="exception"/> (and its stack trace with <paramref name="debug"/>); returns exit code 3.</summary>
    public static int Report(Exception exception, bool debug, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(error);
        var inner = exception is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : exception;
        var message = string.Join(' ', inner.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        try
        {
            error.WriteLine($"kjtest: internal error {Id}: {inner.GetType().Name}: {message} (this is KjTest failing, not your scenario; {(debug ? "stack trace follows" : $"{DebugOption} shows the stack trace")})");
            if (debug)
            {
                error.WriteLine(exception.ToString());
            }

            error.Flush();
        }
        catch (IOException)
        {
            // Standard error itself is gone: the exit code is all that is left to tell.
        }
        catch (ObjectDisposedException)
        {
        }

        return ExitCodes.InternalError;
    }
}
