using System.Diagnostics.CodeAnalysis;
using KjTest.Cli.Commands;
using KjTest.Cli.Terminal;
using Spectre.Console;
using Spectre.Console.Cli;

namespace KjTest.Cli;

/// <summary>The <c>kjtest</c> command. Each subcommand lives in <c>Commands/</c>.</summary>
public static class Program
{
    /// <summary>Entry point; returns the process exit code (0 pass, 1 a scenario did not pass, 2 bad input or usage, 3 KjTest failed).</summary>
    public static int Main(string[] args) => Run(args, CliOutput.Standard());

    /// <summary>Runs <c>kjtest</c> with the given arguments, writing to <paramref name="output"/>.</summary>
    // Spectre.Console.Cli builds its model by reflection; the AOT tool keeps it and kjtest whole (trimmer roots),
    // and the bundled scenarios and the CLI tests pass on that build.
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Spectre.Console.Cli and kjtest are trimmer roots of the AOT tool")]
    public static int Run(string[] args, CliOutput output)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var debug = args.Contains(InternalError.DebugOption);
        try
        {
            return RunCommand([.. args.Where(a => a != InternalError.DebugOption)], output);
        }
        catch (Exception ex)
        {
            return InternalError.Report(ex, debug, output.Error);
        }
    }

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Spectre.Console.Cli and kjtest are trimmer roots of the AOT tool")]
    private static int RunCommand(string[] args, CliOutput output)
    {
        var (rest, colour, colourError) = ColourChoice.Apply(args, output.Colour, Environment.GetEnvironmentVariable("NO_COLOR"));
        if (colourError is not null)
        {
            output.Error.WriteLine($"kjtest: {colourError}");
            return ExitCodes.Usage;
        }

        args = rest;
        output = output with { Colour = colour };
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("kjtest");
            config.PropagateExceptions();
            config.UseStrictParsing();
            // Live output (the progress line) needs cursor control even when colour is off.
            var console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(output.Out),
                Ansi = output.Interactive ? AnsiSupport.Yes : output.Colour ? AnsiSupport.Detect : AnsiSupport.No,
                ColorSystem = output.Colour ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
                Interactive = output.Interactive ? InteractionSupport.Yes : InteractionSupport.No,
            });
            config.ConfigureConsole(console);
            config.Settings.Registrar.RegisterInstance(output);
            config.Settings.Registrar.RegisterInstance(console);
            config.Settings.ApplicationVersion = typeof(Program).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            config.AddCommand<VersionCommand>("version").WithDescription("Print the KjTest version.");
            config.AddCommand<CheckCommand>("check")
                .WithDescription("Read and check scenario files without running them; exit 0 when all are valid, 2 otherwise.")
                .WithExample("check", "scenarios/")
                .WithExample("check", "--strict", "scenarios/");
            config.AddCommand<ListCommand>("list")
                .WithDescription("List the scenarios (name, tags, file) in files, folders or globs.")
                .WithExample("list", "scenarios/");
            config.AddCommand<ConvertCommand>("convert")
                .WithDescription("Print a scenario file converted to the other syntax (--to yaml or --to kjt); exit 2 when the file is invalid.")
                .WithExample("convert", "scenarios/smallest-kexec-jump.yaml", "--to", "kjt");
            config.AddCommand<SchemaCommand>("schema").WithDescription("Print the JSON Schema (draft 2020-12) of the YAML scenario form.");
            config.AddCommand<RunCommand>("run")
                .WithDescription("Check and run scenarios; one line each, the report of every one that does not pass, then 'N passed, N failed'.")
                .WithExample("run", "scenarios/", "--jobs", "2")
                .WithExample("run", "scenarios/", "--report", "html=out/kjtest.html");
            config.AddCommand<ExplainCommand>("explain")
                .WithDescription("Print a scenario's segments, kimage layout (destinations, sources, indirection, control and swap pages) and step plan without running it.")
                .WithExample("explain", "scenarios/smallest-kexec-jump.yaml")
                .WithExample("explain", "--html", "out/explain.html", "scenarios/smallest-kexec-jump.yaml");
            config.AddCommand<TraceCommand>("trace")
                .WithDescription("Run one scenario and print its guest instructions: physical and linear address, bytes, instruction, symbol (relocate_kernel+0x1c, A:, B:) and changed registers.")
                .WithExample("trace", "scenarios/smallest-kexec-jump.yaml", "--from", "machine_kexec", "--to", "relocate_return")
                .WithExample("trace", "scenarios/b1-gdt-not-restored.yaml", "--era", "k30", "--last", "32");
            config.AddCommand<ExecCommand>("exec").WithDescription("Run a flat binary or static ELF executable on the emulated machine.");
        });

        try
        {
            return app.Run(args);
        }
        catch (CommandAppException ex)
        {
            // Usage mistakes (unknown command or option, missing argument) are exit code 2.
            output.Error.WriteLine($"kjtest: {UsageHints.WithHint(ex.Message)}");
            return ExitCodes.Usage;
        }
    }
}
