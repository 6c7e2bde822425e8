using KjTest.Cli.Terminal;
using KjTest.Dsl.Yaml;
using KjTest.Runtime.Reports;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary><c>kjtest schema</c>: prints the JSON Schema (draft 2020-12) of the YAML scenario form, or with <c>--report</c> of the JSON run report.</summary>
public sealed class SchemaCommand(CliOutput output) : Command<SchemaSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, SchemaSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        output.Out.Write(settings.Report ? JsonReportSchema.Text : YamlSchema.Generate());
        output.Out.Write('\n');
        return ExitCodes.Success;
    }
}
