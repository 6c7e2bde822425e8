using KjTest.Dsl.Diagnostics;

namespace KjTest.Cli.Terminal;

/// <summary>Prints rendered diagnostics, colouring the severity, caret and hint when the output allows it.</summary>
public static class DiagnosticPrinter
{
    private const string Red = "\u001b[31;1m";
    private const string Yellow = "\u001b[33;1m";
    private const string Cyan = "\u001b[36m";
    private const string Reset = "\u001b[0m";

    /// <summary>Writes one rendered diagnostic.</summary>
    public static void Print(TextWriter writer, Diagnostic diagnostic, SourceText? source, bool colour)
    {
        var text = DiagnosticRenderer.Render(diagnostic, source);
        if (!colour)
        {
            writer.Write(text);
            return;
        }

        var severity = diagnostic.IsError ? "error" : "warning";
        var paint = diagnostic.IsError ? Red : Yellow;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("  = hint:", StringComparison.Ordinal))
            {
                writer.Write(Cyan + line + Reset + "\n");
            }
            else if (line.TrimStart(' ').StartsWith('|') && line.Contains('^', StringComparison.Ordinal) && line.Trim(' ', '|', '^').Length == 0)
            {
                var caret = line.IndexOf('^', StringComparison.Ordinal);
                writer.Write(line[..caret] + paint + line[caret..] + Reset + "\n");
            }
            else if (line.Contains($": {severity} {diagnostic.Id}:", StringComparison.Ordinal))
            {
                writer.Write(line.Replace($"{severity} {diagnostic.Id}", paint + severity + " " + diagnostic.Id + Reset, StringComparison.Ordinal) + "\n");
            }
            else
            {
                writer.Write(line + "\n");
            }
        }
    }
}
