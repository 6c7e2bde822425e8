using System.Globalization;
using KjTest.Cli.Terminal;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Reports;
using KjTest.Runtime.Scenarios.Planning;
using Spectre.Console.Cli;

namespace KjTest.Cli.Commands;

/// <summary>
/// <c>kjtest explain SCENARIO</c>: without running guest code, prints the segments, each destination page with its
/// source page, the indirection pages and their words, the control and swap pages, and the step plan; with
/// <c>--html PATH</c>, also the same as one HTML page with a picture of each kimage's memory map.
/// </summary>
public sealed class ExplainCommand(CliOutput output) : Command<ExplainSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ExplainSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var loaded = ScenarioLoader.Default().Load(settings.Paths);
        loaded.PrintDiagnostics(output.Out, output.Colour, settings.MaxDiagnostics);
        if (!loaded.AllValid)
        {
            return ExitCodes.Usage;
        }

        foreach (var cell in loaded.Cells)
        {
            var file = cell.Parsed;
            var path = file.Source?.Path ?? "";
            if (cell.Plan is not { } plan)
            {
                output.Out.Write($"scenario {file.Scenario!.Name.Value} ({path}) is skipped: {file.Scenario.Outcome.Reason?.Value ?? "it states outcome skip"}\n");
                continue;
            }

            output.Out.Write($"scenario {file.Scenario!.Name.Value} ({path}), era {plan.Machine.Era.Name}, {file.Scenario.EffectiveArch.ToString().ToLowerInvariant()}\n");
            var n = 1;
            foreach (var step in plan.Steps)
            {
                output.Out.Write($"  {n++}. {step.Describe()}\n");
                if (step is LoadPlan load)
                {
                    foreach (var segment in load.Segments)
                    {
                        output.Out.Write(string.Create(CultureInfo.InvariantCulture, $"     segment mem 0x{segment.Mem:x} memsz 0x{segment.MemSize:x} bufsz 0x{segment.BufSize:x}\n"));
                    }
                }

                if (plan.Previews.FirstOrDefault(p => ReferenceEquals(p.Step, step)) is not { } preview)
                {
                    continue;
                }

                output.Out.Write($"     kexec_load: {preview.Result}\n");
                if (preview.Layout is { } layout)
                {
                    foreach (var line in KimageLayoutText.Render(layout).Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        output.Out.Write($"     {line}\n");
                    }

                    output.Out.Write(IndirectionWords(layout));
                }
            }
        }

        if (settings.Html is { } html)
        {
            ReportFile.Write(html, stream => HtmlReport.WritePlans(loaded.Suite.Files, stream));
        }

        return ExitCodes.Success;
    }

    private static string IndirectionWords(KimageLayout layout)
    {
        var words = new List<string>();
        var next = 0;
        foreach (var segment in layout.Segments)
        {
            words.Add($"0x{segment.Mem | 1:x}");
            var pages = (int)((segment.MemSize + KernelConstants.PageSize - 1) / KernelConstants.PageSize);
            for (var i = 0; i < pages && next < layout.Pages.Count; i++)
            {
                words.Add($"0x{layout.Pages[next++].Source | 8:x}");
            }
        }

        words.Add("0x4");
        return $"     indirection words (excluding chaining words): {string.Join(" ", words)}\n";
    }
}
