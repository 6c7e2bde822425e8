using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace KjTest.Cli.Terminal;

/// <summary>
/// The live line under <c>kjtest run</c>'s output on a terminal: done/total, failures so far, elapsed time and the
/// scenario running longest. It is drawn by Spectre.Console's progress display, and the run's own output goes through
/// the same console so each result line lands above it. Never used when output is redirected.
/// </summary>
public sealed class ProgressLine
{
    private readonly IAnsiConsole _console;
    private readonly ProgressTask _task;
    private readonly IReadOnlyList<string> _names;
    private readonly SortedSet<int> _running = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private int _done;
    private int _failed;

    private ProgressLine(IAnsiConsole console, ProgressTask task, IReadOnlyList<string> names)
    {
        _console = console;
        _task = task;
        _names = names;
    }

    /// <summary>Runs <paramref name="body"/> with the line shown on <paramref name="console"/>; the line is cleared at the end.</summary>
    public static T Show<T>(IAnsiConsole console, IReadOnlyList<string> names, Func<ProgressLine, T> body)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(body);
        var column = new ProgressLineColumn();
        return console.Progress()
            .AutoClear(true)
            .AutoRefresh(true)
            .Columns(column)
            .Start(context =>
            {
                var line = new ProgressLine(console, context.AddTask("run", maxValue: Math.Max(1, names.Count)), names);
                column.Bind(line);
                return body(line);
            });
    }

    /// <summary>Scenario <paramref name="index"/> started.</summary>
    public void Started(int index)
    {
        lock (_gate)
        {
            _running.Add(index);
        }
    }

    /// <summary>Writes a finished scenario's output (which may hold ANSI colour) above the line and counts it.</summary>
    public void Finished(int index, bool failed, string output)
    {
        // The console is written outside the gate: the refresh thread holds the console's lock while it asks for the text.
        lock (_gate)
        {
            _running.Remove(index);
            _done++;
            _failed += failed ? 1 : 0;
        }

        if (output.Length > 0)
        {
            _console.WriteAnsi(output);
        }

        _task.Increment(1);
    }

    /// <summary>The line as it reads now: the elapsed time moves on at every refresh, not only when a scenario ends.</summary>
    public string Markup()
    {
        lock (_gate)
        {
            var running = _running.Count > 0 ? $" · running {_names[_running.Min]}" : "";
            var failed = _failed > 0 ? $"[red]{_failed} failed[/]" : "0 failed";
            return string.Create(CultureInfo.InvariantCulture, $"{_done}/{_names.Count} · {failed} · {_clock.Elapsed.TotalSeconds:0.0}s{Spectre.Console.Markup.Escape(running)}");
        }
    }
}
