using System.Globalization;
using System.Text;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Reports;

/// <summary>
/// Draws a <see cref="MemoryMapPicture"/> as inline SVG: a bar of the whole of RAM to scale with the reserved ranges
/// and the kimage's pages marked, then one row per 256 KiB window holding a page of the kimage or a page that differs,
/// one cell per 4 KiB page coloured by its role, each with a tooltip giving its address and what it holds. Windows
/// holding one role only are folded into one row, windows with nothing to show are skipped, and a legend ends it.
/// </summary>
public static class MemoryMapSvg
{
    /// <summary>The stylesheet of the pictures' classes, for the page that embeds them.</summary>
    public const string Css = """
        svg.memory-map { font: 11px "DejaVu Sans Mono", monospace; display: block; margin: 0.5em 0; }
        svg.memory-map .ram { fill: #e4efe0; }
        svg.memory-map .reserved { fill: #bdbdbd; }
        svg.memory-map .page.destination { fill: #4e79a7; }
        svg.memory-map .page.inplace { fill: #76b7b2; }
        svg.memory-map .page.source { fill: #a0cbe8; }
        svg.memory-map .page.indirection { fill: #f28e2b; }
        svg.memory-map .page.control { fill: #b07aa1; }
        svg.memory-map .page.swap { fill: #edc948; }
        svg.memory-map .page.identity { fill: #9c755f; }
        svg.memory-map .page.parked { fill: #ff9da7; }
        svg.memory-map .page.unusable { fill: #555555; }
        svg.memory-map .page:hover, svg.memory-map .page.pair { stroke: #000000; stroke-width: 2; }
        svg.memory-map .differ { fill: none; stroke: #d62728; stroke-width: 2; }
        svg.memory-map .differ-mark { fill: #d62728; }
        svg.memory-map .address { text-anchor: end; fill: #333333; }
        svg.memory-map .heading { font-weight: bold; fill: #222222; }
        svg.memory-map .fold-label { fill: #ffffff; }
        svg.memory-map .skip { fill: #666666; font-style: italic; }
        svg.memory-map .legend-text { fill: #222222; }
        """;

    private const ulong Page = KernelConstants.PageSize;
    private const int PerRow = 64;
    private const ulong WindowBytes = Page * PerRow;
    private const int Cell = 12;
    private const int CellHeight = 16;
    private const int Left = 112;
    private const int BarWidth = PerRow * Cell;
    private const int Width = Left + BarWidth + 8;
    private const int LegendColumn = 296;

    // Roles in precedence order (a page with several shows the first) and in the legend's order.
    private static readonly (string Class, string Legend)[] Roles =
    [
        ("control", "control page (relocate routine)"),
        ("identity", "identity page table"),
        ("swap", "swap page"),
        ("indirection", "indirection page (entry list)"),
        ("source", "source page of a destination"),
        ("parked", "parked on dest_pages"),
        ("unusable", "above the source memory limit"),
        ("inplace", "destination, its own source"),
        ("destination", "destination page"),
    ];

    /// <summary>The picture as an <c>svg</c> element (XML syntax, so it is valid inline in HTML and in XHTML).</summary>
    public static string Render(MemoryMapPicture picture)
    {
        ArgumentNullException.ThrowIfNull(picture);
        var (roles, notes, pairs) = Classify(picture.Layout);
        var differing = new SortedDictionary<ulong, MemoryPageGap>();
        foreach (var page in picture.Differing)
        {
            differing.TryAdd(page.Address & ~KernelConstants.PageOffsetMask, page);
        }

        var body = new StringBuilder();
        var y = Overview(body, picture, roles, differing);
        y = Rows(body, picture, roles, notes, pairs, differing, y);
        y = Legend(body, roles, differing.Count > 0, y);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"memory-map\" width=\"{Width}\" height=\"{y}\" viewBox=\"0 0 {Width} {y}\">\n");
        svg.Append("<title>").Append(HtmlText.Escape("memory map " + picture.Caption)).Append("</title>\n");
        svg.Append(body);
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static (SortedDictionary<ulong, int> Roles, Dictionary<ulong, List<string>> Notes, Dictionary<ulong, ulong> Pairs) Classify(KimageLayout layout)
    {
        var roles = new SortedDictionary<ulong, int>();
        var notes = new Dictionary<ulong, List<string>>();
        var pairs = new Dictionary<ulong, ulong>();
        void Mark(ulong address, string role, string note)
        {
            var page = address & ~KernelConstants.PageOffsetMask;
            var rank = Array.FindIndex(Roles, r => r.Class == role);
            if (!roles.TryGetValue(page, out var had) || rank < had)
            {
                roles[page] = rank;
            }

            if (!notes.TryGetValue(page, out var list))
            {
                notes[page] = list = [];
            }

            list.Add(note);
        }

        string Of(int i, int n) => n > 1 ? $" {HtmlText.Number(i + 1)} of {HtmlText.Number(n)}" : "";

        for (var s = 0; s < layout.Segments.Count; s++)
        {
            var segment = layout.Segments[s];
            for (var page = segment.Mem & ~KernelConstants.PageOffsetMask; page < segment.Mem + segment.MemSize; page += Page)
            {
                Mark(page, "destination", "destination of segment " + HtmlText.Number(s + 1));
            }
        }

        foreach (var page in layout.Pages)
        {
            if (page.Source == page.Destination)
            {
                Mark(page.Destination, "inplace", "its own source (in place)");
            }
            else
            {
                Mark(page.Destination, "destination", "source " + HtmlText.Hex(page.Source));
                Mark(page.Source, "source", "source of destination " + HtmlText.Hex(page.Destination));
                pairs[page.Destination] = page.Source;
                pairs[page.Source] = page.Destination;
            }
        }

        for (var i = 0; i < layout.IndirectionPages.Count; i++)
        {
            Mark(layout.IndirectionPages[i], "indirection", "indirection page" + Of(i, layout.IndirectionPages.Count) + (i == 0 ? " (image->head)" : ""));
        }

        for (var i = 0; i < layout.ControlPages.Count; i++)
        {
            Mark(layout.ControlPages[i], "control", "control page" + Of(i, layout.ControlPages.Count));
        }

        if (layout.SwapPage is { } swap)
        {
            Mark(swap, "swap", "swap page");
        }

        for (var i = 0; i < layout.PreparePages.Count; i++)
        {
            Mark(layout.PreparePages[i], "identity", "identity page table" + Of(i, layout.PreparePages.Count));
        }

        foreach (var page in layout.ParkedPages)
        {
            Mark(page, "parked", "parked on dest_pages, never used");
        }

        foreach (var page in layout.UnusablePages)
        {
            Mark(page, "unusable", "above KEXEC_SOURCE_MEMORY_LIMIT, held on unusable_pages");
        }

        if (notes.TryGetValue(layout.Start & ~KernelConstants.PageOffsetMask, out var entry))
        {
            entry.Add("entry point " + HtmlText.Hex(layout.Start));
        }

        return (roles, notes, pairs);
    }

    // The whole of RAM to scale; a page is far narrower than a pixel, so every mark is at least two pixels wide.
    private static int Overview(StringBuilder svg, MemoryMapPicture picture, SortedDictionary<ulong, int> roles, SortedDictionary<ulong, MemoryPageGap> differing)
    {
        var ram = Math.Max(picture.Ram, 1);
        string X(ulong address) => Format(Left + (address / (double)ram * BarWidth));
        string W(ulong length) => Format(Math.Max(2, length / (double)ram * BarWidth));

        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"heading\" x=\"8\" y=\"14\">{HtmlText.Escape($"RAM {HtmlText.Hex(0)}-{HtmlText.Hex(picture.Ram)} ({HtmlText.Size(picture.Ram)}), to scale")}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"address\" x=\"{Left - 6}\" y=\"36\">RAM</text>\n");
        Rect(svg, "ram", Format(Left), 24, Format(BarWidth), 18, $"RAM {HtmlText.Hex(0)}-{HtmlText.Hex(picture.Ram)} ({HtmlText.Size(picture.Ram)})");
        foreach (var region in picture.Reserved.Where(r => r.Start < picture.Ram))
        {
            var length = Math.Min(region.Length, picture.Ram - region.Start);
            Rect(svg, "reserved", X(region.Start), 24, W(length), 18, $"{HtmlText.Hex(region.Start)}-{HtmlText.Hex(region.Start + length)}: {region.Label}");
        }

        foreach (var (first, count, rank) in Runs(roles))
        {
            var (name, legend) = Roles[rank];
            Rect(svg, "page " + name, X(first), 24, W(count * Page), 18, $"{HtmlText.Hex(first)}-{HtmlText.Hex(first + (count * Page))}: {HtmlText.Number((long)count)} {(count == 1 ? "page" : "pages")}, {legend}");
        }

        foreach (var page in differing.Keys)
        {
            Rect(svg, "differ-mark", X(page), 21, "2", 24, $"{HtmlText.Hex(page)}: differs after the jump");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"56\">{HtmlText.Hex(0)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"address\" x=\"{Left + BarWidth}\" y=\"56\">{HtmlText.Hex(picture.Ram)}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"heading\" x=\"8\" y=\"78\">pages: one row is {HtmlText.Size(WindowBytes)}, one cell a {HtmlText.Size(Page)} page</text>\n");
        return 88;
    }

    private static int Rows(StringBuilder svg, MemoryMapPicture picture, SortedDictionary<ulong, int> roles, Dictionary<ulong, List<string>> notes, Dictionary<ulong, ulong> pairs, SortedDictionary<ulong, MemoryPageGap> differing, int y)
    {
        var windows = roles.Keys.Concat(differing.Keys).Select(p => p / WindowBytes).Distinct().Order().ToList();
        int? Uniform(ulong window)
        {
            int? role = null;
            for (ulong k = 0; k < PerRow; k++)
            {
                var page = (window * WindowBytes) + (k * Page);
                if (page >= picture.Ram || differing.ContainsKey(page) || !roles.TryGetValue(page, out var rank) || (role is { } r && r != rank))
                {
                    return null;
                }

                role = rank;
            }

            return role;
        }

        ulong? previous = null;
        var i = 0;
        while (i < windows.Count)
        {
            var window = windows[i];
            if (previous is { } before && window != before + 1)
            {
                var from = (before + 1) * WindowBytes;
                var to = window * WindowBytes;
                var what = picture.Reserved.Any(r => r.Start <= from && r.Start + r.Length >= to) ? "reserved" : "no kimage page and no page that differs";
                svg.Append(CultureInfo.InvariantCulture, $"<text class=\"skip\" x=\"{Left}\" y=\"{y + 10}\">{HtmlText.Escape($"... {HtmlText.Hex(from)}-{HtmlText.Hex(to)} ({HtmlText.Size(to - from)}): {what}")}</text>\n");
                y += 14;
            }

            var j = i;
            if (Uniform(window) is { } role)
            {
                while (j + 1 < windows.Count && windows[j + 1] == windows[j] + 1 && Uniform(windows[j + 1]) == role)
                {
                    j++;
                }
            }

            if (j > i)
            {
                Folded(svg, window * WindowBytes, (windows[j] + 1) * WindowBytes, Uniform(window)!.Value, y);
            }
            else
            {
                Window(svg, picture, roles, notes, pairs, differing, window * WindowBytes, y);
            }

            y += CellHeight + 2;
            previous = windows[j];
            i = j + 1;
        }

        return y;
    }

    private static void Folded(StringBuilder svg, ulong from, ulong to, int rank, int y)
    {
        var (name, legend) = Roles[rank];
        var count = (long)((to - from) / Page);
        var text = $"{HtmlText.Hex(from)}-{HtmlText.Hex(to)}: {HtmlText.Number(count)} pages, each a {legend}";
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"address\" x=\"{Left - 6}\" y=\"{y + 12}\">{HtmlText.Hex(from)}</text>\n");
        Rect(svg, $"page {name} folded", Format(Left), y, Format(BarWidth - 1), CellHeight, text);
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"fold-label\" x=\"{Left + 6}\" y=\"{y + 12}\">{HtmlText.Escape($"{HtmlText.Number(count)} pages ({HtmlText.Size(to - from)}), {legend}")}</text>\n");
    }

    private static void Window(StringBuilder svg, MemoryMapPicture picture, SortedDictionary<ulong, int> roles, Dictionary<ulong, List<string>> notes, Dictionary<ulong, ulong> pairs, SortedDictionary<ulong, MemoryPageGap> differing, ulong start, int y)
    {
        svg.Append(CultureInfo.InvariantCulture, $"<text class=\"address\" x=\"{Left - 6}\" y=\"{y + 12}\">{HtmlText.Hex(start)}</text>\n");

        // Pages with no role are drawn as one rectangle per run of free RAM or of one reserved range.
        var runStart = 0;
        string? runLabel = null;
        void Flush(int end)
        {
            if (runLabel is not null && end > runStart)
            {
                var from = start + ((ulong)runStart * Page);
                var to = start + ((ulong)end * Page);
                Rect(svg, runLabel == "" ? "ram" : "reserved", Format(Left + (runStart * Cell)), y, Format((end - runStart) * Cell - 1), CellHeight, $"{HtmlText.Hex(from)}-{HtmlText.Hex(to)}: {(runLabel == "" ? "free RAM or A's data" : runLabel)}");
            }

            runLabel = null;
        }

        for (var k = 0; k < PerRow; k++)
        {
            var page = start + ((ulong)k * Page);
            if (page >= picture.Ram)
            {
                Flush(k);
                break;
            }

            var differs = differing.TryGetValue(page, out var gap);
            if (!roles.TryGetValue(page, out var rank) && !differs)
            {
                var label = picture.Reserved.FirstOrDefault(r => r.Touches(page))?.Label ?? "";
                if (label != runLabel)
                {
                    Flush(k);
                    runStart = k;
                    runLabel = label;
                }

                continue;
            }

            Flush(k);
            var x = Left + (k * Cell);
            var lines = notes.TryGetValue(page, out var list) ? new List<string>(list) : [picture.Reserved.FirstOrDefault(r => r.Touches(page))?.Label ?? "free RAM or A's data"];
            if (gap is not null)
            {
                lines.Add("differs after the jump: bytes " + string.Join(", ", gap.Ranges.Select(r => $"+0x{r.Offset:x}..+0x{r.Offset + r.Length:x}")));
            }

            var name = roles.ContainsKey(page) ? "page " + Roles[rank].Class : picture.Reserved.Any(r => r.Touches(page)) ? "reserved" : "ram";
            // The page's partner (its source, or the destination it holds) is outlined with it on hover by the page's script.
            var data = $" data-page=\"{HtmlText.Hex(page)}\"" + (pairs.TryGetValue(page, out var pair) ? $" data-pair=\"{HtmlText.Hex(pair)}\"" : "");
            Rect(svg, name, Format(x), y, Format(Cell - 1), CellHeight, HtmlText.Hex(page) + ": " + string.Join("; ", lines), data);
            if (gap is not null)
            {
                Rect(svg, "differ", Format(x + 1), y + 1, Format(Cell - 3), CellHeight - 2, HtmlText.Hex(page) + ": differs after the jump");
            }
        }

        Flush(PerRow);
    }

    private static int Legend(StringBuilder svg, SortedDictionary<ulong, int> roles, bool differs, int y)
    {
        var present = roles.Values.Distinct().Order().ToList();
        var entries = present.Select(r => ("page " + Roles[r].Class, Roles[r].Legend)).ToList();
        entries.Add(("reserved", "reserved (never handed out)"));
        entries.Add(("ram", "free RAM or A's data"));
        if (differs)
        {
            entries.Add(("differ", "differs after the jump"));
        }

        y += 10;
        svg.Append("<g class=\"legend\">\n");
        for (var i = 0; i < entries.Count; i++)
        {
            var x = 8 + (i % 3 * LegendColumn);
            var top = y + (i / 3 * 18);
            var (name, text) = entries[i];
            Rect(svg, name, Format(x), top, "12", 12, text);
            svg.Append(CultureInfo.InvariantCulture, $"<text class=\"legend-text\" x=\"{x + 18}\" y=\"{top + 10}\">{HtmlText.Escape(text)}</text>\n");
        }

        svg.Append("</g>\n");
        return y + ((entries.Count + 2) / 3 * 18) + 4;
    }

    // Consecutive pages of one role, for the overview.
    private static IEnumerable<(ulong First, ulong Count, int Rank)> Runs(SortedDictionary<ulong, int> roles)
    {
        ulong first = 0, count = 0;
        var rank = -1;
        foreach (var (page, role) in roles)
        {
            if (count > 0 && role == rank && page == first + (count * Page))
            {
                count++;
                continue;
            }

            if (count > 0)
            {
                yield return (first, count, rank);
            }

            (first, count, rank) = (page, 1, role);
        }

        if (count > 0)
        {
            yield return (first, count, rank);
        }
    }

    private static void Rect(StringBuilder svg, string name, string x, int y, string width, int height, string title, string data = "") =>
        svg.Append(CultureInfo.InvariantCulture, $"<rect class=\"{name}\" x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\"{data}><title>{HtmlText.Escape(title)}</title></rect>\n");

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
