using System.Diagnostics;
using System.Text.Json.Nodes;

namespace KjTest.Cli.Tests.Reports.Browser;

/// <summary>
/// Debian's chromium started headless with a fresh profile and a DevTools port it chooses itself (read back from the
/// profile's DevToolsActivePort file); disposing it closes the connection and kills the whole process tree.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan Startup = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _profile;

    private HeadlessChromium(Process process, string profile, DevToolsConnection connection)
    {
        _process = process;
        _profile = profile;
        Connection = connection;
    }

    public DevToolsConnection Connection { get; }

    /// <summary>The chromium executable on PATH (or KJTEST_CHROMIUM), or null when there is none.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("KJTEST_CHROMIUM") is { Length: > 0 } given)
        {
            return File.Exists(given) ? given : null;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = Path.Combine(folder, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static async Task<HeadlessChromium> StartAsync(string executable)
    {
        var profile = Path.Combine(Path.GetTempPath(), "kjtest-chromium-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(profile);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking", "--disable-sync",
            "--hide-scrollbars", "--mute-audio", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
        var log = new List<string>();
        process.ErrorDataReceived += (_, e) => { lock (log) { if (e.Data is not null) { log.Add(e.Data); } } };
        process.OutputDataReceived += (_, e) => { lock (log) { if (e.Data is not null) { log.Add(e.Data); } } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        try
        {
            var portFile = Path.Combine(profile, "DevToolsActivePort");
            var clock = Stopwatch.StartNew();
            string[] lines = [];
            while (lines.Length < 2)
            {
                if (process.HasExited || clock.Elapsed > Startup)
                {
                    lock (log)
                    {
                        throw new InvalidOperationException($"chromium gave no DevTools port within {Startup.TotalSeconds} s:\n{string.Join("\n", log.TakeLast(20))}");
                    }
                }

                await Task.Delay(50);
                try
                {
                    lines = File.Exists(portFile) ? File.ReadAllLines(portFile) : [];
                }
                catch (IOException)
                {
                    lines = [];
                }
            }

            var connection = await DevToolsConnection.ConnectAsync(new Uri($"ws://127.0.0.1:{lines[0].Trim()}{lines[1].Trim()}"), Startup);
            return new HeadlessChromium(process, profile, connection);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            TryDelete(profile);
            throw;
        }
    }

    /// <summary>Opens a blank page and attaches to it; returns the page.</summary>
    public async Task<BrowserPage> OpenPageAsync(TimeSpan timeout)
    {
        var target = await Connection.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, timeout);
        var attached = await Connection.SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target.GetProperty("targetId").GetString(), ["flatten"] = true }, null, timeout);
        return new BrowserPage(Connection, attached.GetProperty("sessionId").GetString()!, timeout);
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        Kill(_process);
        _process.Dispose();
        TryDelete(_profile);
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // It has exited meanwhile.
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A child process still writing its profile: the temp folder is cleaned some other day.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
