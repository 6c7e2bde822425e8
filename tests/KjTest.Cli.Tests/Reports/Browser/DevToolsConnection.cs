using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KjTest.Cli.Tests.Reports.Browser;

/// <summary>
/// A Chrome DevTools protocol connection over a WebSocket: commands with ids answered by their responses, and every
/// event kept, so a test can look at what happened after the fact. Every wait is bounded.
/// </summary>
internal sealed class DevToolsConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly List<JsonElement> _events = [];
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _reader;
    private int _next;

    public static async Task<DevToolsConnection> ConnectAsync(Uri uri, TimeSpan timeout)
    {
        var connection = new DevToolsConnection();
        using var cancel = new CancellationTokenSource(timeout);
        await connection._socket.ConnectAsync(uri, cancel.Token);
        connection._reader = Task.Run(connection.ReadAsync);
        return connection;
    }

    /// <summary>Sends a command (to a page when <paramref name="session"/> is set) and returns its result.</summary>
    public async Task<JsonElement> SendAsync(string method, JsonObject? parameters, string? session, TimeSpan timeout)
    {
        var id = Interlocked.Increment(ref _next);
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? [] };
        if (session is not null)
        {
            message["sessionId"] = session;
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _sending.WaitAsync(cancel.Token);
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, cancel.Token);
        }
        finally
        {
            _sending.Release();
        }

        JsonElement response;
        try
        {
            response = await answer.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"no answer to {method} within {timeout.TotalSeconds} s");
        }

        if (response.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"{method} failed: {error}");
        }

        return response.GetProperty("result");
    }

    /// <summary>Every event so far (of one page when <paramref name="session"/> is set).</summary>
    public IReadOnlyList<JsonElement> Events(string? session)
    {
        lock (_events)
        {
            return [.. _events.Where(e => session is null || (e.TryGetProperty("sessionId", out var s) && s.GetString() == session))];
        }
    }

    /// <summary>The first event <paramref name="method"/> of the page, waiting for it up to <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> WaitForEventAsync(string method, string? session, TimeSpan timeout)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            foreach (var e in Events(session))
            {
                if (e.GetProperty("method").GetString() == method)
                {
                    return e;
                }
            }

            if (_reader is { IsCompleted: true })
            {
                break;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"no {method} event within {timeout.TotalSeconds} s");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "done", cancel.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The browser may already be gone; it is killed next anyway.
            }
        }

        if (_reader is not null)
        {
            await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(2)));
        }

        _socket.Dispose();
        _sending.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var part = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (part.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }

                message.Write(buffer, 0, part.Count);
                if (!part.EndOfMessage)
                {
                    continue;
                }

                using var document = JsonDocument.Parse(message.ToArray());
                message.SetLength(0);
                var root = document.RootElement.Clone();
                if (root.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var answer))
                {
                    answer.TrySetResult(root);
                }
                else if (root.TryGetProperty("method", out _))
                {
                    lock (_events)
                    {
                        _events.Add(root);
                    }
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The connection ended: pending commands fail below.
        }

        foreach (var answer in _pending.Values)
        {
            answer.TrySetException(new InvalidOperationException("the DevTools connection closed"));
        }
    }
}
