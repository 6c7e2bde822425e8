using KjTest.Cli.Terminal;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>
/// <c>kjtest run PATH...</c>: checks the scenarios; executing them needs the kernel model, which is not
/// part of this build, so after a clean check it says so and exits with the usage code.
/// </summary>
public sealed class RunCommand(CliOutput output) : Command<PathsSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, PathsSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var loaded = ScenarioLoader.Default().Load(settings.Paths);
        loaded.PrintDiagnostics(output.Out, output.Colour);
        if (!loaded.AllValid)
        {
            var invalid = loaded.Files.Count(f => !f.Succeeded);
            output.Error.Write($"kjtest: {invalid} invalid {(invalid == 1 ? "file" : "files")}; nothing was run\n");
            return ExitCodes.Usage;
        }

        output.Error.Write($"kjtest: {loaded.Files.Count} {(loaded.Files.Count == 1 ? "scenario is" : "scenarios are")} valid, but running scenarios is not implemented yet (the kernel model has not landed)\n");
        return ExitCodes.Usage;
    }
}
