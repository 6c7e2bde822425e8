using KjTest.Cli.Commands;
using Spectre.Console.Cli;

namespace KjTest.Cli;

/// <summary>The <c>kjtest</c> command. Each subcommand lives in <c>Commands/</c>.</summary>
public static class Program
{
    /// <summary>Entry point; returns the process exit code (0 pass, 1 a scenario did not pass, 2 bad input or usage).</summary>
    public static int Main(string[] args)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("kjtest");
            config.PropagateExceptions();
            config.Settings.ApplicationVersion = typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            config.AddCommand<VersionCommand>("version").WithDescription("Print the KjTest version.");
            config.AddCommand<ExecCommand>("exec").WithDescription("Run a flat binary or static ELF executable on the emulated machine.");
        });

        try
        {
            return app.Run(args);
        }
        catch (CommandAppException ex)
        {
            // Usage mistakes (unknown command or option, missing argument) are exit code 2.
            Console.Error.WriteLine($"kjtest: {ex.Message}");
            return ExitCodes.Usage;
        }
    }
}
