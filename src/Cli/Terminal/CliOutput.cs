using Spectre.Console;

namespace KjTest.Cli.Terminal;

/// <summary>Where a command writes: its output, its errors, and whether the output may be coloured.</summary>
/// <param name="Out">The command's output (diagnostics of <c>check</c>, the listing of <c>list</c>, the schema).</param>
/// <param name="Error">Messages about the run itself.</param>
/// <param name="Colour">True to colour <paramref name="Out"/> with ANSI sequences.</param>
public sealed record CliOutput(TextWriter Out, TextWriter Error, bool Colour)
{
    /// <summary>The process's standard streams; colour only when standard output is a terminal that takes ANSI.</summary>
    public static CliOutput Standard() =>
        new(System.Console.Out, System.Console.Error, !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi);
}
