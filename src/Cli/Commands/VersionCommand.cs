using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary><c>kjtest version</c>: prints the version.</summary>
public sealed class VersionCommand : Command
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        Console.WriteLine($"kjtest {typeof(VersionCommand).Assembly.GetName().Version?.ToString(3) ?? "0.0.0"}");
        return ExitCodes.Success;
    }
}
