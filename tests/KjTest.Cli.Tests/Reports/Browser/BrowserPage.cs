using System.Text.Json;
using System.Text.Json.Nodes;

namespace KjTest.Cli.Tests.Reports.Browser;

/// <summary>One page of the headless browser, attached with its own session: navigation, evaluation, screenshots, errors.</summary>
internal sealed class BrowserPage(DevToolsConnection connection, string session, TimeSpan timeout)
{
    /// <summary>Turns on the events the error check reads, sets the viewport, loads <paramref name="url"/> and waits for its load event.</summary>
    public async Task LoadAsync(Uri url, int width, int height)
    {
        await SendAsync("Runtime.enable");
        await SendAsync("Log.enable");
        await SendAsync("Page.enable");
        await SendAsync("Emulation.setDeviceMetricsOverride", new JsonObject { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url.AbsoluteUri });
        await connection.WaitForEventAsync("Page.loadEventFired", session, timeout);
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page and returns its value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result.TryGetProperty("exceptionDetails", out var exception))
        {
            throw new InvalidOperationException($"the page threw: {exception}");
        }

        // An expression whose value is undefined has none.
        return result.GetProperty("result").TryGetProperty("value", out var value) ? value : default;
    }

    /// <summary>A PNG of the viewport.</summary>
    public async Task<byte[]> ScreenshotAsync()
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = false });
        return Convert.FromBase64String(result.GetProperty("data").GetString()!);
    }

    /// <summary>Every console error, uncaught exception and error log entry of the page so far, as text.</summary>
    public IReadOnlyList<string> Errors()
    {
        var errors = new List<string>();
        foreach (var e in connection.Events(session))
        {
            var method = e.GetProperty("method").GetString();
            var parameters = e.GetProperty("params");
            if (method == "Runtime.exceptionThrown"
                || (method == "Runtime.consoleAPICalled" && parameters.GetProperty("type").GetString() is "error" or "assert")
                || (method == "Log.entryAdded" && parameters.GetProperty("entry").GetProperty("level").GetString() == "error"))
            {
                errors.Add($"{method}: {parameters}");
            }
        }

        return errors;
    }

    private Task<JsonElement> SendAsync(string method, JsonObject? parameters = null) => connection.SendAsync(method, parameters, session, timeout);
}
