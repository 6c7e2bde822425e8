using KjTest.Cli.Terminal;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>
/// <c>kjtest list PATH...</c>: one line per valid scenario on standard output (name, tags, file);
/// diagnostics of invalid files go to standard error.
/// </summary>
public sealed class ListCommand(CliOutput output) : Command<PathsSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, PathsSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var loaded = ScenarioLoader.Default().Load(settings.Paths);
        var rows = loaded.Files.Where(f => f.Succeeded)
            .Select(f => (Name: f.Scenario!.Name.Value, Tags: string.Join(",", f.Scenario.Tags.Select(t => t.Value)), File: f.Source!.Path))
            .ToList();
        var nameWidth = rows.Select(r => r.Name.Length).DefaultIfEmpty(0).Max();
        var tagWidth = rows.Select(r => r.Tags.Length).DefaultIfEmpty(0).Max();
        foreach (var (name, tags, file) in rows)
        {
            output.Out.Write($"{name.PadRight(nameWidth)}  {tags.PadRight(tagWidth)}  {file}\n");
        }

        loaded.PrintDiagnostics(output.Error, colour: false, settings.MaxDiagnostics);
        var invalid = loaded.Files.Count(f => !f.Succeeded);
        if (!loaded.AllValid)
        {
            output.Error.Write($"kjtest: {invalid} invalid {(invalid == 1 ? "file" : "files")}, {loaded.Unmatched.Count} unmatched {(loaded.Unmatched.Count == 1 ? "path" : "paths")}\n");
        }

        return loaded.AllValid ? ExitCodes.Success : ExitCodes.Usage;
    }
}
