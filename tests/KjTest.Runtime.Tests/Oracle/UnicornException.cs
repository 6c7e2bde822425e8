namespace KjTest.Runtime.Tests.Oracle;

/// <summary>A Unicorn call returned an error code.</summary>
internal sealed class UnicornException(string call, int code, string message)
    : Exception($"{call} failed: uc_err {code} ({message})")
{
    /// <summary>The uc_err value.</summary>
    public int Code { get; } = code;
}
