namespace KjTest.Cli.Tests.Run;

/// <summary>Keeps one host core busy until disposed, so that a test's runs compete for the CPU as on a loaded CI machine.</summary>
internal sealed class HostLoad : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    public HostLoad()
    {
        _thread = new Thread(() =>
        {
            var x = 1UL;
            while (!_stop.IsCancellationRequested)
            {
                for (var i = 0; i < 100_000; i++)
                {
                    x = (x * 6364136223846793005UL) + 1442695040888963407UL;
                }
            }

            GC.KeepAlive(x);
        }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
        _thread.Start();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join();
        _stop.Dispose();
    }
}
