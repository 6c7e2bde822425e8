using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.RegularExpressions;
using KjTest.Dsl.Diagnostics;
using Spectre.Console.Cli;

namespace KjTest.Cli;

/// <summary>"Did you mean" hints for usage mistakes: an unknown option is matched against the options the commands declare.</summary>
public static partial class UsageHints
{
    /// <summary>Every long option a command of <c>kjtest</c> declares, with its dashes.</summary>
    public static IReadOnlyList<string> Options { get; } = DeclaredOptions();

    // The AOT tool keeps kjtest whole (a trimmer root), so every settings type and its properties are there.
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "kjtest is a trimmer root of the AOT tool")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "kjtest is a trimmer root of the AOT tool")]
    private static List<string> DeclaredOptions() =>
    [
        .. typeof(UsageHints).Assembly.GetTypes()
            .Where(t => typeof(CommandSettings).IsAssignableFrom(t))
            .SelectMany(t => t.GetProperties())
            .Select(p => p.GetCustomAttribute<CommandOptionAttribute>())
            .Where(a => a is not null)
            .SelectMany(a => a!.LongNames)
            .Select(n => "--" + n)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The usage error message with a hint appended when it names an unknown option close to a known one.</summary>
    public static string WithHint(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var match = UnknownOption().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var option = "--" + match.Groups["name"].Value.TrimStart('-');
        return Suggestions.DidYouMean(option, Options) is { } hint ? $"{message} ({hint})" : message;
    }

    [GeneratedRegex("Unknown option '(?<name>[^']+)'")]
    private static partial Regex UnknownOption();
}
