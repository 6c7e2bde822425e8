using System.Xml;
using System.Xml.Linq;
using KjTest.Cli.Tests.Commands;

namespace KjTest.Cli.Tests.Reports;

/// <summary>
/// The HTML report of <c>run --report html=PATH</c> and the page of <c>explain --html PATH</c>: one well-formed,
/// self-contained file with the summary, a row per result, the gap, escaped console output and the memory map pictures.
/// </summary>
public class HtmlReportTests
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static string Markup => Path.Combine(CliTester.Root, "tests", "KjTest.Cli.Tests", "Reports", "Data", "console-markup-gap.yaml");

    private static string RunData => Path.Combine(CliTester.Root, "tests", "KjTest.Cli.Tests", "Run", "Data");

    internal static XDocument Parse(string html)
    {
        using var reader = XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore });
        return XDocument.Load(reader);
    }

    private static (CliRun Run, string Html) RunHtml(TempFolder folder, params string[] paths)
    {
        var run = CliTester.Run(["run", .. paths, "--report", $"html={folder.Path}/out/r.html"]);
        return (run, File.ReadAllText(Path.Combine(folder.Path, "out", "r.html")));
    }

    private static XElement Section(XDocument document, string name) =>
        document.Descendants(Xhtml + "details").Single(d => d.Element(Xhtml + "summary")!.Value.Contains(" " + name + " ", StringComparison.Ordinal));

    [Test]
    public void The_html_report_is_well_formed_and_has_the_summary_and_a_row_per_result()
    {
        using var folder = new TempFolder();
        var (run, html) = RunHtml(folder, RunData, Markup, Path.Combine(CliTester.Scenarios, "smallest-kexec-jump.yaml"));
        Assert.That(run.ExitCode, Is.EqualTo(1), run.Error);

        var document = Parse(html);
        var rows = document.Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("id") == "results").Descendants(Xhtml + "tbody").Single().Elements(Xhtml + "tr").ToList();
        Assert.That(rows, Has.Count.EqualTo(8));
        Assert.That(rows.Select(r => r.Elements(Xhtml + "td").ElementAt(2).Value), Does.Contain("console-markup-gap").And.Contain("results-differ").And.Contain("smallest-kexec-jump"));
        Assert.That(rows.Single(r => r.Value.Contains("smallest-kexec-jump", StringComparison.Ordinal)).Elements(Xhtml + "td").ElementAt(1).Value, Is.EqualTo("PASS"));
        var summary = document.Descendants().Single(e => (string?)e.Attribute("id") == "summary").Value;
        Assert.That(summary, Is.EqualTo("1 passed, 7 failed, 0 skipped, 8 total"));
        Assert.That(document.Descendants(Xhtml + "input").Count(i => (string?)i.Attribute("id") == "filter"), Is.EqualTo(1));
        Assert.That(document.Descendants(Xhtml + "input").Where(i => (string?)i.Attribute("class") == "outcome").Select(i => (string?)i.Attribute("value")), Is.EqualTo(new[] { "pass", "gap", "fail", "crash" }));
    }

    [Test]
    public void The_html_report_is_self_contained()
    {
        using var folder = new TempFolder();
        var (_, html) = RunHtml(folder, RunData, Markup);
        var document = Parse(html);

        Assert.That(document.Descendants(Xhtml + "link"), Is.Empty);
        Assert.That(document.Descendants().Where(e => e.Attribute("src") is not null), Is.Empty);
        Assert.That(document.Descendants().Select(e => (string?)e.Attribute("href")).Where(h => h is not null && !h.StartsWith('#')), Is.Empty);
        Assert.That(html.Replace("http://www.w3.org/", "", StringComparison.Ordinal), Does.Not.Contain("http:").And.Not.Contain("https:").And.Not.Contain("@import").And.Not.Contain("url("));
        Assert.That(document.Descendants(Xhtml + "style").Count(), Is.EqualTo(1));
        Assert.That(document.Descendants(Xhtml + "script").Count(), Is.EqualTo(1));
    }

    [Test]
    public void A_result_that_did_not_pass_shows_its_gap_and_its_console_output_escaped()
    {
        using var folder = new TempFolder();
        var (_, html) = RunHtml(folder, Markup);

        Assert.That(html, Does.Contain("<pre class=\"console\">&lt;b&gt;&amp;</pre>"));
        var section = Section(Parse(html), "console-markup-gap");
        Assert.That(section.Descendants(Xhtml + "pre").Single(p => (string?)p.Attribute("class") == "console").Value, Is.EqualTo("<b>&"));
        var gap = section.Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("class") == "gap");
        Assert.That(gap.Descendants(Xhtml + "th").Select(h => h.Value), Is.EqualTo(new[] { "field", "old value", "new value" }));
        Assert.That(gap.Descendants(Xhtml + "tbody").Single().Elements(Xhtml + "tr").Select(r => string.Join("|", r.Elements().Select(c => c.Value))), Is.EqualTo(new[] { "r12|0x123456789abcdef|0xbad" }));
        var pages = section.Descendants(Xhtml + "table").Single(t => (string?)t.Attribute("class") == "pages");
        Assert.That(pages.Descendants(Xhtml + "tbody").Single().Elements(Xhtml + "tr").Select(r => string.Join("|", r.Elements().Select(c => c.Value))), Is.EqualTo(new[] { "0x600000|+0x10..+0x14|11111111|efbeadde" }));
    }

    [Test]
    public void The_memory_map_shows_the_kimage_pages_and_the_page_that_differs()
    {
        using var folder = new TempFolder();
        var (_, html) = RunHtml(folder, Markup);
        var svg = Section(Parse(html), "console-markup-gap").Descendants(Svg + "svg").Single();
        var rects = svg.Descendants(Svg + "rect").Where(r => r.Parent!.Name != Svg + "g").ToList();
        string? Title(XElement rect) => rect.Element(Svg + "title")?.Value;
        IEnumerable<string?> Titles(string name) => rects.Where(r => ((string?)r.Attribute("class"))?.Split(' ').Contains(name) == true).Select(Title);

        Assert.That(Titles("control"), Has.Some.StartWith("0x3fff000: control page"));
        Assert.That(Titles("swap"), Has.Some.StartWith("0x3ffe000: swap page"));
        Assert.That(Titles("indirection"), Has.Some.StartWith("0x3ff4000: indirection page"));
        Assert.That(Titles("identity"), Has.Some.Contains("identity page table"));
        Assert.That(Titles("destination"), Has.Some.StartWith("0x400000: destination of segment 1; source 0x").And.Some.StartWith("0x402000:"));
        Assert.That(Titles("source"), Has.Some.Contains("source of destination 0x400000"));
        Assert.That(Titles("differ"), Has.Some.EqualTo("0x600000: differs after the jump"));
        Assert.That(Titles("reserved"), Has.Some.Contains("below 1 MiB"));
        Assert.That(svg.Descendants(Svg + "g").Single().Descendants(Svg + "text").Select(t => t.Value), Does.Contain("differs after the jump").And.Contain("control page (relocate routine)"));
    }

    [Test]
    public void A_scenario_without_a_kimage_has_no_picture_and_a_pass_without_one_no_section()
    {
        using var folder = new TempFolder();
        var (_, html) = RunHtml(folder, Path.Combine(RunData, "load-failed-no-image.yaml"));
        var document = Parse(html);

        Assert.That(Section(document, "load-failed-no-image").Descendants(Svg + "svg"), Is.Empty);
    }

    [Test]
    public void The_same_run_gives_the_same_bytes_whatever_the_jobs()
    {
        using var folder = new TempFolder();
        var one = CliTester.Run("run", RunData, Markup, "--report", $"html={folder.Path}/one.html");
        var two = CliTester.Run("run", RunData, Markup, "--jobs", "3", "--report", $"html={folder.Path}/two.html");

        Assert.That(one.ExitCode, Is.EqualTo(two.ExitCode));
        Assert.That(File.ReadAllBytes(Path.Combine(folder.Path, "two.html")), Is.EqualTo(File.ReadAllBytes(Path.Combine(folder.Path, "one.html"))));
        Assert.That(Directory.GetFiles(folder.Path).Select(Path.GetFileName), Is.EquivalentTo(new[] { "one.html", "two.html" }));
    }

    [Test]
    public void The_report_of_a_known_run_matches_its_golden()
    {
        var html = KnownReport.Html();
        Assert.That(() => Parse(html), Throws.Nothing);
        KnownReport.AssertMatches("report.html", html);
    }

    [Test]
    public void The_explain_page_of_known_scenarios_matches_its_golden()
    {
        var html = KnownReport.ExplainHtml();
        Assert.That(() => Parse(html), Throws.Nothing);
        KnownReport.AssertMatches("explain.html", html);
    }

    [Test]
    public void Explain_html_writes_the_plan_and_a_memory_map_per_kimage_and_still_prints_the_text()
    {
        using var folder = new TempFolder();
        var run = CliTester.Run("explain", "--html", $"{folder.Path}/out/e.html", Markup);
        Assert.That(run.ExitCode, Is.Zero, run.Error);
        Assert.That(run.Out, Does.Contain("control 0x3fff000"));

        var document = Parse(File.ReadAllText(Path.Combine(folder.Path, "out", "e.html")));
        Assert.That(document.Descendants(Xhtml + "h2").Select(h => h.Value), Is.EqualTo(new[] { "console-markup-gap" }));
        Assert.That(document.Descendants(Xhtml + "pre").Single().Value, Does.Contain("swap 0x3ffe000"));
        Assert.That(document.Descendants(Svg + "svg").Count(), Is.EqualTo(1));
        Assert.That(document.Descendants(Svg + "rect").Count(r => (string?)r.Attribute("class") == "differ"), Is.Zero);
        Assert.That(Directory.GetFiles(Path.Combine(folder.Path, "out")).Select(Path.GetFileName), Is.EqualTo(new[] { "e.html" }));
    }

    [Test]
    public void Explain_help_and_run_help_name_the_html_options()
    {
        Assert.That(CliTester.Run("explain", "--help").Out, Does.Contain("--html"));
        Assert.That(CliTester.Run("run", "--help").Out, Does.Contain("html=PATH"));
    }
}
