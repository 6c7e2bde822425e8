using System.Xml.Linq;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Reports;
using KjTest.Runtime.Scenarios;

namespace KjTest.Cli.Tests.Reports;

/// <summary>The memory map picture on layouts made by hand: what is folded, what is skipped, and its determinism.</summary>
public class MemoryMapSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    // A 1 MiB segment at 16 MiB whose pages are their own sources: four windows of one role, folded into one row.
    private static KimageLayout Layout(bool withSwap = true) => new()
    {
        Type = KimageType.Default,
        Start = 0x1000000,
        Head = 0x3ff4002,
        WordSize = 8,
        PreserveContext = true,
        Segments = [new KimageSegment(0x1000000, 0x100000, 0x10)],
        IndirectionPages = [0x3ff4000],
        Pages = [.. Enumerable.Range(0, 256).Select(i => new KimagePage(0x1000000 + ((ulong)i * 0x1000), 0x1000000 + ((ulong)i * 0x1000)))],
        ControlPages = [0x3fff000, 0x3ffd000],
        SwapPage = withSwap ? 0x3ffe000 : null,
        PreparePages = [],
        ParkedPages = [],
        UnusablePages = [],
    };

    private static MemoryMapPicture Picture(KimageLayout layout, params ulong[] differing) => new(
        "after step 1: load",
        64UL << 20,
        [new MemoryMapRegion(0, 0x100000, "below 1 MiB"), new MemoryMapRegion(0x2000000, 0x100000, "reserved in the memory map")],
        layout,
        [.. differing.Select(a => new MemoryPageGap(a, [(0, 4)], [1, 2, 3, 4], [5, 6, 7, 8]))]);

    private static XElement Render(MemoryMapPicture picture) => XElement.Parse(MemoryMapSvg.Render(picture));

    [Test]
    public void Windows_holding_one_role_only_are_folded_into_one_row()
    {
        var svg = Render(Picture(Layout()));
        var folded = svg.Descendants(Svg + "rect").Where(r => ((string?)r.Attribute("class"))?.Contains("folded", StringComparison.Ordinal) == true).ToList();

        Assert.That(folded, Has.Count.EqualTo(1));
        Assert.That(folded[0].Attribute("class")!.Value, Is.EqualTo("page inplace folded"));
        Assert.That(folded[0].Element(Svg + "title")!.Value, Is.EqualTo("0x1000000-0x1100000: 256 pages, each a destination, its own source"));
        Assert.That(svg.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "skip").Select(t => t.Value), Has.Some.StartsWith("... 0x1100000-0x3fc0000"));
    }

    [Test]
    public void A_page_that_differs_breaks_the_fold_and_is_outlined()
    {
        var svg = Render(Picture(Layout(), 0x1040000));
        var classes = svg.Descendants(Svg + "rect").Select(r => (string?)r.Attribute("class")).ToList();

        Assert.That(classes, Has.Exactly(1).EqualTo("page inplace folded"));
        Assert.That(classes.Count(c => c == "differ"), Is.EqualTo(2), "the outlined cell and its legend swatch");
        var cell = svg.Descendants(Svg + "rect").First(r => (string?)r.Attribute("class") == "page inplace" && r.Element(Svg + "title")!.Value.StartsWith("0x1040000:", StringComparison.Ordinal));
        Assert.That(cell.Element(Svg + "title")!.Value, Is.EqualTo("0x1040000: destination of segment 1; its own source (in place); differs after the jump: bytes +0x0..+0x4"));
    }

    [Test]
    public void Several_control_pages_are_numbered_and_a_missing_swap_page_is_not_drawn()
    {
        var svg = Render(Picture(Layout(withSwap: false)));
        var titles = svg.Descendants(Svg + "title").Select(t => t.Value).ToList();

        Assert.That(titles, Does.Contain("0x3fff000: control page 1 of 2").And.Contain("0x3ffd000: control page 2 of 2"));
        Assert.That(svg.Descendants(Svg + "rect").Select(r => (string?)r.Attribute("class")), Has.None.EqualTo("page swap"));
    }

    [Test]
    public void A_destination_and_its_source_name_each_other()
    {
        var layout = Layout() with { Pages = [new KimagePage(0x1000000, 0x3ff3000)], Segments = [new KimageSegment(0x1000000, 0x1000, 0x10)] };
        var rects = Render(Picture(layout)).Descendants(Svg + "rect").ToList();
        string? Pair(string page) => (string?)rects.Single(r => (string?)r.Attribute("data-page") == page).Attribute("data-pair");

        Assert.That((Pair("0x1000000"), Pair("0x3ff3000")), Is.EqualTo(("0x3ff3000", "0x1000000")));
        Assert.That(rects.Single(r => (string?)r.Attribute("data-page") == "0x3fff000").Attribute("data-pair"), Is.Null);
    }

    [Test]
    public void The_same_picture_is_the_same_text()
    {
        var first = MemoryMapSvg.Render(Picture(Layout(), 0x600000));
        var second = MemoryMapSvg.Render(Picture(Layout(), 0x600000));

        Assert.That(second, Is.EqualTo(first));
    }
}
