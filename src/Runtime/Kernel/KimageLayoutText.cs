using System.Globalization;
using System.Text;

namespace KjTest.Runtime.Kernel;

/// <summary>Plain-text rendering of a <see cref="KimageLayout"/>, one fact per line, for reports and <c>kjtest explain</c>.</summary>
public static class KimageLayoutText
{
    /// <summary>Renders <paramref name="layout"/>; consecutive destination pages with consecutive sources are folded into one line.</summary>
    public static string Render(KimageLayout layout)
    {
        var text = new StringBuilder();
        void Line(string value) => text.Append(value).Append('\n');
        string Hex(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

        Line($"{(layout.Type == KimageType.Crash ? "crash" : "normal")} image, entry {Hex(layout.Start)}, preserve_context {(layout.PreserveContext ? 1 : 0)}, {layout.WordSize}-byte entries");
        Line($"head {Hex(layout.Head)}");
        foreach (var segment in layout.Segments)
        {
            Line($"segment mem {Hex(segment.Mem)} memsz {Hex(segment.MemSize)} bufsz {Hex(segment.BufSize)}");
        }

        Line("control " + string.Join(" ", layout.ControlPages.Select(Hex)));
        Line("swap " + (layout.SwapPage is { } swap ? Hex(swap) : "none"));
        if (layout.IndirectionPages.Count != 0)
        {
            Line("indirection " + string.Join(" ", layout.IndirectionPages.Select(Hex)));
        }

        if (layout.PreparePages.Count != 0)
        {
            Line("identity table " + string.Join(" ", layout.PreparePages.Select(Hex)));
        }

        var i = 0;
        while (i < layout.Pages.Count)
        {
            var first = layout.Pages[i];
            var run = 1;
            while (i + run < layout.Pages.Count
                && layout.Pages[i + run].Destination == first.Destination + ((ulong)run * KernelConstants.PageSize)
                && layout.Pages[i + run].Source == first.Source + ((ulong)run * KernelConstants.PageSize))
            {
                run++;
            }

            var kind = first.Source == first.Destination ? " (in place)" : string.Empty;
            Line(run == 1
                ? $"page {Hex(first.Destination)} <- {Hex(first.Source)}{kind}"
                : $"pages {Hex(first.Destination)}..+{run} <- {Hex(first.Source)}..+{run}{kind}");
            i += run;
        }

        if (layout.Exchanges != 0)
        {
            Line($"source exchanges {layout.Exchanges}");
        }

        if (layout.ParkedPages.Count != 0)
        {
            Line("parked " + string.Join(" ", layout.ParkedPages.Select(Hex)));
        }

        if (layout.UnusablePages.Count != 0)
        {
            Line($"unusable {layout.UnusablePages.Count} pages");
        }

        return text.ToString();
    }
}
