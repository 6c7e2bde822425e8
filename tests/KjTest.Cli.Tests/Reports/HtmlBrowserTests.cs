using System.Text.Json;
using KjTest.Cli.Tests.Commands;
using KjTest.Cli.Tests.Reports.Browser;

namespace KjTest.Cli.Tests.Reports;

/// <summary>
/// The HTML report in a real browser (Debian's chromium, headless, driven over the DevTools protocol): it loads with
/// no console error or exception, its filter box and outcome check boxes hide the rows they do not match, and it
/// looks like the golden screenshot, compared loosely. Without chromium the tests are ignored; CI installs it.
/// </summary>
[NonParallelizable]
public class HtmlBrowserTests
{
    private const int ViewWidth = 1000;
    private const int ViewHeight = 1400;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private HeadlessChromium? _browser;
    private TempFolder? _folder;
    private Uri? _report;

    [OneTimeSetUp]
    public async Task StartBrowser()
    {
        if (HeadlessChromium.Find() is not { } chromium)
        {
            Assert.Ignore("chromium is not installed (apt-get install chromium; .ci/run installs it), so the report is not tried in a browser");
            return;
        }

        _folder = new TempFolder();
        _report = new Uri(_folder.Write("report.html", KnownReport.Html()));
        _browser = await HeadlessChromium.StartAsync(chromium);
    }

    [OneTimeTearDown]
    public async Task StopBrowser()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _folder?.Dispose();
    }

    private async Task<BrowserPage> Load()
    {
        var page = await _browser!.OpenPageAsync(Wait);
        await page.LoadAsync(_report!, ViewWidth, ViewHeight);
        return page;
    }

    private static async Task<(int Visible, int Total, string Shown, bool NoneShown)> Rows(BrowserPage page)
    {
        var value = await page.EvaluateAsync("""
            (() => {
              const rows = Array.from(document.querySelectorAll('#results tbody tr'));
              return JSON.stringify({
                visible: rows.filter(r => r.getClientRects().length > 0).length,
                total: rows.length,
                shown: document.getElementById('shown').textContent,
                none: document.getElementById('none').getClientRects().length > 0,
              });
            })()
            """);
        using var parsed = JsonDocument.Parse(value.GetString()!);
        var root = parsed.RootElement;
        return (root.GetProperty("visible").GetInt32(), root.GetProperty("total").GetInt32(), root.GetProperty("shown").GetString()!, root.GetProperty("none").GetBoolean());
    }

    [Test]
    public async Task The_report_loads_without_a_console_error_or_an_exception()
    {
        var page = await Load();
        var title = await page.EvaluateAsync("document.title + ' ' + document.querySelectorAll('svg.memory-map').length");

        Assert.That(title.GetString(), Is.EqualTo("KjTest report 5"));
        Assert.That(page.Errors(), Is.Empty);
    }

    [Test]
    public async Task Typing_in_the_filter_box_hides_the_rows_that_do_not_match()
    {
        var page = await Load();
        Assert.That(await Rows(page), Is.EqualTo((4, 4, "4 of 4 shown", false)));

        await page.EvaluateAsync("""
            (() => {
              const box = document.getElementById('filter');
              box.value = 'B11-';
              box.dispatchEvent(new Event('input', { bubbles: true }));
            })()
            """);
        Assert.That(await Rows(page), Is.EqualTo((1, 4, "1 of 4 shown", false)));
        var section = await page.EvaluateAsync("document.getElementById('s3').getClientRects().length");
        Assert.That(section.GetInt32(), Is.Zero, "the hidden result's section is hidden too");

        await page.EvaluateAsync("""
            (() => {
              const box = document.getElementById('filter');
              box.value = 'no such scenario';
              box.dispatchEvent(new Event('input', { bubbles: true }));
            })()
            """);
        Assert.That(await Rows(page), Is.EqualTo((0, 4, "0 of 4 shown", true)));
        Assert.That(page.Errors(), Is.Empty);
    }

    [Test]
    public async Task Unticking_an_outcome_hides_its_rows()
    {
        var page = await Load();
        await page.EvaluateAsync("""
            (() => {
              const box = document.querySelector('input.outcome[value="fail"]');
              box.click();
            })()
            """);

        Assert.That(await Rows(page), Is.EqualTo((3, 4, "3 of 4 shown", false)));
        Assert.That(page.Errors(), Is.Empty);
    }

    [Test]
    public async Task Hovering_a_destination_page_outlines_its_source_page()
    {
        var page = await Load();
        var paired = await page.EvaluateAsync("""
            (() => {
              const svg = document.querySelector('#s1 svg.memory-map');
              const cell = svg.querySelector('rect.destination[data-pair]');
              const other = svg.querySelector('rect[data-page="' + cell.getAttribute('data-pair') + '"]');
              cell.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
              const on = other.classList.contains('pair') && other.classList.contains('source');
              cell.dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
              return on && !other.classList.contains('pair');
            })()
            """);

        Assert.That(paired.GetBoolean(), Is.True);
        Assert.That(page.Errors(), Is.Empty);
    }

    [Test]
    public async Task The_report_looks_like_the_golden_screenshot()
    {
        var page = await Load();
        var png = await page.ScreenshotAsync();
        var golden = Path.Combine(KnownReport.Golden, "report.png");
        if (KnownReport.Accepting == "1")
        {
            await File.WriteAllBytesAsync(golden, png);
            return;
        }

        var actual = PngImage.Decode(png);
        var expected = PngImage.Decode(await File.ReadAllBytesAsync(golden));
        var actualPath = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report.actual.png");
        await File.WriteAllBytesAsync(actualPath, png);
        Assert.That((actual.Width, actual.Height), Is.EqualTo((expected.Width, expected.Height)), $"see {actualPath}");

        // Text rendered a pixel apart moves single pixels; a missing table, section or drawing moves whole blocks.
        const int Block = 16;
        var a = actual.GreyBlocks(Block);
        var e = expected.GreyBlocks(Block);
        var differing = 0;
        var blank = true;
        for (var r = 0; r < a.GetLength(0); r++)
        {
            for (var c = 0; c < a.GetLength(1); c++)
            {
                differing += Math.Abs(a[r, c] - e[r, c]) > 24 ? 1 : 0;
                blank &= Math.Abs(a[r, c] - a[0, 0]) < 1;
            }
        }

        var fraction = differing / (double)a.Length;
        Assert.That(blank, Is.False, "the screenshot is one colour");
        Assert.That(fraction, Is.LessThan(0.03), $"{differing} of {a.Length} {Block}-pixel blocks differ from {golden}; see {actualPath} (KJTEST_ACCEPT=1 rewrites it)");
        File.Delete(actualPath);
    }
}
