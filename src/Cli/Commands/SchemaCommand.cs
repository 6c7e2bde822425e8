using KjTest.Cli.Terminal;
using KjTest.Dsl.Yaml;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary><c>kjtest schema</c>: prints the JSON Schema (draft 2020-12) of the YAML scenario form.</summary>
public sealed class SchemaCommand(CliOutput output) : Command
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        output.Out.Write(YamlSchema.Generate());
        output.Out.Write('\n');
        return ExitCodes.Success;
    }
}
