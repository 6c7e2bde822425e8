namespace KjTest.Cli.Terminal;

/// <summary>
/// The colour options every command takes, read before the command line is parsed: <c>--no-color</c>,
/// <c>--color always|never|auto</c>, and the <c>NO_COLOR</c> convention (any non-empty value turns colour off
/// unless <c>--color always</c> says otherwise).
/// </summary>
public static class ColourChoice
{
    /// <summary>
    /// Removes the colour options from <paramref name="args"/> and decides colour from them, the environment and
    /// <paramref name="terminal"/> (whether output is a colour terminal); an error text when <c>--color</c> is misused.
    /// </summary>
    public static (string[] Remaining, bool Colour, string? Error) Apply(IReadOnlyList<string> args, bool terminal, string? noColor)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = new List<string>();
        string? when = null;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--no-color")
            {
                when = "never";
            }
            else if (arg == "--color" || arg.StartsWith("--color=", StringComparison.Ordinal))
            {
                var value = arg == "--color" ? (i + 1 < args.Count ? args[++i] : null) : arg[8..];
                if (value is not ("always" or "never" or "auto"))
                {
                    return ([], false, $"--color takes always, never or auto{(value is null ? "" : $", not '{value}'")}");
                }

                when = value;
            }
            else
            {
                rest.Add(arg);
            }
        }

        var colour = when switch
        {
            "always" => true,
            "never" => false,
            _ => terminal && string.IsNullOrEmpty(noColor),
        };
        return ([.. rest], colour, null);
    }
}
