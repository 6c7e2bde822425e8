namespace KjTest.Runtime.Reports;

/// <summary>A report to write: its format and path, from <c>--report FORMAT=PATH</c>.</summary>
/// <param name="Format">The format.</param>
/// <param name="Path">Where to write it.</param>
public sealed record ReportTarget(ReportFormat Format, string Path)
{
    /// <summary>Reads <c>FORMAT=PATH</c>; null and an error message when it is not one.</summary>
    public static ReportTarget? Parse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        error = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = equals < 0 ? text : text[..equals];
        if (!Enum.TryParse<ReportFormat>(name, ignoreCase: true, out var format) || !Enum.IsDefined(format) || name.Any(char.IsDigit))
        {
            error = $"--report '{text}': unknown format '{name}' (junit, json, tap or html)";
            return null;
        }

        if (equals < 0 || equals == text.Length - 1)
        {
            error = $"--report '{text}': write {name}=PATH";
            return null;
        }

        return new ReportTarget(format, text[(equals + 1)..]);
    }
}
