using KjTest.Cli.Terminal;
using KjTest.Dsl.Text;
using KjTest.Dsl.Yaml;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>
/// <c>kjtest convert FILE --to yaml|kjt</c>: reads and checks one scenario and prints it in the other
/// syntax on standard output. An invalid file prints its diagnostics on standard error and exits 2;
/// only a file <c>check</c> accepts is converted.
/// </summary>
public sealed class ConvertCommand(CliOutput output) : Command<ConvertSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ConvertSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var loaded = ScenarioLoader.Default().Load([settings.File]);
        if (!loaded.AllValid || loaded.Files.Count != 1)
        {
            loaded.PrintDiagnostics(output.Error, colour: false, settings.MaxDiagnostics);
            return ExitCodes.Usage;
        }

        var scenario = loaded.Files[0].Scenario!;
        loaded.PrintDiagnostics(output.Error, colour: false, settings.MaxDiagnostics);
        output.Out.Write(settings.To == "yaml" ? YamlWriter.Write(scenario) : KjtWriter.Write(scenario));
        return ExitCodes.Success;
    }
}
