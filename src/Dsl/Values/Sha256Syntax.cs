namespace KjTest.Dsl.Values;

/// <summary>
/// The SHA-256 hash of a memory expectation, shared by both front ends and writers: written as 64
/// hexadecimal digits, optionally after <c>sha256:</c>; stored in the model as <c>sha256:</c> and lower-case digits.
/// </summary>
public static class Sha256Syntax
{
    /// <summary>The prefix of the stored form.</summary>
    public const string Prefix = "sha256:";

    /// <summary>The stored form of <paramref name="text"/>, or null when it is not 64 hex digits (after an optional prefix).</summary>
    public static string? Canonical(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var digits = text.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) ? text[Prefix.Length..] : text;
        return digits.Length == 64 && digits.All(char.IsAsciiHexDigit) ? Prefix + digits.ToLowerInvariant() : null;
    }

    /// <summary>The 64 digits of a stored hash, without the prefix.</summary>
    public static string Digits(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.StartsWith(Prefix, StringComparison.Ordinal) ? stored[Prefix.Length..] : stored;
    }
}
