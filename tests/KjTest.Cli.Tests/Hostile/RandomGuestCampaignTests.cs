using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using KjTest.Cli.Terminal;

namespace KjTest.Cli.Tests.Hostile;

/// <summary>
/// Random 4 KiB images through <c>kjtest exec</c> on both arches: every one must end in an outcome (exit, halt, limit
/// or crash) within its instruction limit, never in an internal error, a usage error or a hang, and the host's memory
/// must not grow with the number of guests. CI runs a fixed sample; KJTEST_RANDOM_GUESTS=N runs N per arch.
/// </summary>
public sealed partial class RandomGuestCampaignTests
{
    private const int DefaultGuests = 1000;
    private const ulong MaxInstructions = 200_000;

    [TestCase("x86_64")]
    [TestCase("i386")]
    public void Every_random_image_ends_in_an_outcome_within_its_limit(string arch)
    {
        var count = int.TryParse(Environment.GetEnvironmentVariable("KJTEST_RANDOM_GUESTS"), CultureInfo.InvariantCulture, out var n) ? n : DefaultGuests;
        using var folder = new Commands.TempFolder();
        var image = Path.Combine(folder.Path, "guest.bin");
        var random = new Random(arch == "i386" ? 386 : 64);
        var bytes = new byte[4096];
        var stops = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var slowest = TimeSpan.Zero;
        long output = 0;
        var failures = new List<string>();
        var before = Process.GetCurrentProcess().WorkingSet64;
        for (var k = 0; k < count && failures.Count < 10; k++)
        {
            random.NextBytes(bytes);
            File.WriteAllBytes(image, bytes);
            using var error = new StringWriter { NewLine = "\n" };
            var sink = new CountingStream();
            var watch = Stopwatch.StartNew();
            var exit = Program.Run(
                ["exec", image, "--arch", arch, "--memory", "64M", "--max-instructions", MaxInstructions.ToString(CultureInfo.InvariantCulture), "--stats"],
                new CliOutput(TextWriter.Null, error, Colour: false, Interactive: false, sink, sink));
            watch.Stop();
            slowest = watch.Elapsed > slowest ? watch.Elapsed : slowest;
            output += sink.Count;
            var stats = Stats().Match(error.ToString());
            if (!stats.Success || exit is ExitCodes.InternalError && error.ToString().Contains("KJ1901", StringComparison.Ordinal)
                || error.ToString().Contains("kjtest exec:", StringComparison.Ordinal))
            {
                failures.Add($"guest {k} (seed {(arch == "i386" ? 386 : 64)}): exit {exit}: {error}");
                continue;
            }

            var instructions = ulong.Parse(stats.Groups[1].Value, CultureInfo.InvariantCulture);
            if (instructions > MaxInstructions)
            {
                failures.Add($"guest {k}: {instructions} instructions over a limit of {MaxInstructions}");
            }

            var stop = stats.Groups[2].Value;
            stops[stop] = stops.GetValueOrDefault(stop) + 1;
        }

        GC.Collect();
        var grown = Process.GetCurrentProcess().WorkingSet64 - before;
        TestContext.Out.WriteLine($"{count} {arch} guests: {string.Join(", ", stops.Select(s => $"{s.Key} {s.Value}"))}; slowest {slowest.TotalMilliseconds:F0} ms; {output} bytes of output; working set grew {grown >> 20} MiB");
        Assert.Multiple(() =>
        {
            Assert.That(failures, Is.Empty);
            Assert.That(stops.Values.Sum(), Is.EqualTo(count));
            Assert.That(grown, Is.LessThan(512L << 20), "host memory must not grow with the number of guests");
        });
    }

    [GeneratedRegex(@"instructions: (\d+), time: [0-9.]+ s, MIPS: [0-9.]+, stop: (\w+)")]
    private static partial Regex Stats();
}
