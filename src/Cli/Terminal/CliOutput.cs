using Spectre.Console;

namespace KjTest.Cli.Terminal;

/// <summary>Where a command writes: its output, its errors, and whether the output may be coloured.</summary>
/// <param name="Out">The command's output (diagnostics of <c>check</c>, the listing of <c>list</c>, the schema).</param>
/// <param name="Error">Messages about the run itself.</param>
/// <param name="Colour">True to colour <paramref name="Out"/> with ANSI sequences.</param>
/// <param name="Interactive">True when <paramref name="Out"/> is a terminal that takes ANSI, so live output (a progress line) may be drawn.</param>
/// <param name="OutBytes">The byte stream under <paramref name="Out"/>, for output that is not text (a guest's writes under <c>exec</c>); null writes it to <paramref name="Out"/> as UTF-8.</param>
/// <param name="ErrorBytes">The byte stream under <paramref name="Error"/>; null writes it to <paramref name="Error"/> as UTF-8.</param>
public sealed record CliOutput(TextWriter Out, TextWriter Error, bool Colour, bool Interactive = false, Stream? OutBytes = null, Stream? ErrorBytes = null)
{
    /// <summary>The process's standard streams; colour and live output only when standard output is a terminal that takes ANSI.</summary>
    public static CliOutput Standard()
    {
        var terminal = !System.Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi;
        return new(System.Console.Out, System.Console.Error, terminal, terminal, System.Console.OpenStandardOutput(), System.Console.OpenStandardError());
    }
}
