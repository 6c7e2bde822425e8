using KjTest.Cli.Terminal;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>
/// <c>kjtest check PATH...</c>: reads and checks scenario files without running them. Diagnostics are
/// the command's output and go to standard output, followed by one summary line. <c>--strict</c> makes warnings errors.
/// </summary>
public sealed class CheckCommand(CliOutput output) : Command<CheckSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, CheckSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var loaded = ScenarioLoader.Default().Load(settings.Paths, strict: settings.Strict, jobs: Environment.ProcessorCount);
        loaded.PrintDiagnostics(output.Out, output.Colour, settings.MaxDiagnostics);
        var valid = loaded.Files.Count(f => f.Succeeded);
        var diagnostics = loaded.Files.SelectMany(f => f.Diagnostics).Concat(loaded.Unmatched).ToList();
        var errors = diagnostics.Count(d => d.IsError);
        output.Out.Write(
            $"{loaded.Files.Count} {Plural(loaded.Files.Count, "file")} checked: {valid} valid, {loaded.Files.Count - valid} invalid, "
            + $"{errors} {Plural(errors, "error")}, {diagnostics.Count - errors} {Plural(diagnostics.Count - errors, "warning")}\n");
        return loaded.AllValid ? ExitCodes.Success : ExitCodes.Usage;
    }

    private static string Plural(int count, string word) => count == 1 ? word : word + "s";
}
