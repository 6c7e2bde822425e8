using System.Globalization;
using System.Text;
using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Scenarios;
using KjTest.Runtime.Scenarios.Planning;
using KjTest.Runtime.Suite;

namespace KjTest.Runtime.Reports;

/// <summary>
/// The HTML report of a run, one self-contained page: the summary, a table of every result filtered by a text box and
/// outcome check boxes, and for each scenario that did not pass (or has a kimage) its messages, crash state, gap
/// (fields with old and new values, memory pages), console output and a picture of the memory map of each kimage it
/// loaded. The same input gives the same bytes: no time or date is written. Also the page of <c>kjtest explain --html</c>.
/// </summary>
public static class HtmlReport
{
    private const int LayoutLinesOpen = 24;

    /// <summary>Writes the report of <paramref name="report"/> to <paramref name="stream"/> as UTF-8.</summary>
    public static void Write(RunReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(stream);
        var html = new StringBuilder();
        HtmlPage.Open(html, "KjTest report");
        html.Append("<h1>KjTest report</h1>\n");
        var total = report.Results.Count;
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\" id=\"summary\"><span class=\"pass\" id=\"passed\">{report.Passed} passed</span>, <span class=\"fail\" id=\"failed\">{report.Failed} failed</span>, <span class=\"skip\" id=\"skipped\">{report.Skipped} skipped</span>, <span id=\"total\">{total} total</span></p>\n");

        html.Append("<div class=\"filters\">\n<input type=\"search\" id=\"filter\" placeholder=\"filter by name, file or outcome\" autocomplete=\"off\" aria-label=\"filter\"/>\n");
        foreach (var kind in Enum.GetValues<OutcomeKind>())
        {
            var count = report.Results.Count(r => r.Result.Actual == kind);
            if (count > 0)
            {
                html.Append(CultureInfo.InvariantCulture, $"<label><input type=\"checkbox\" class=\"outcome\" value=\"{Word(kind)}\" checked=\"checked\"/> {Word(kind)} ({count})</label>\n");
            }
        }

        html.Append(CultureInfo.InvariantCulture, $"<span id=\"shown\">{total} of {total} shown</span>\n</div>\n");
        html.Append("<table id=\"results\">\n<thead><tr><th>#</th><th>status</th><th>name</th><th>outcome</th><th>stated</th><th>file</th></tr></thead>\n<tbody>\n");
        foreach (var done in report.Results)
        {
            var result = done.Result;
            var status = Status(result);
            var name = HtmlText.Escape(result.Name);
            var linked = HasSection(done) ? $"<a href=\"#s{done.Index + 1}\">{name}</a>" : name;
            html.Append(CultureInfo.InvariantCulture, $"<tr class=\"result\" {Filtered(done)}><td>{done.Index + 1}</td><td class=\"{status}\">{status.ToUpperInvariant()}</td><td>{linked}</td><td>{Word(result.Actual)}</td><td>{Stated(result)}</td><td class=\"mono\">{HtmlText.Escape(done.File.RelativePath)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n<p id=\"none\" hidden=\"hidden\">No result matches the filter.</p>\n");
        html.Append("<h2>Scenarios</h2>\n");
        foreach (var done in report.Results.Where(HasSection))
        {
            Section(html, done);
        }

        HtmlPage.Close(html);
        Bytes(stream, html);
    }

    /// <summary>Writes the page of <c>kjtest explain --html</c>: each scenario's step plan, kimage layouts and their pictures.</summary>
    public static void WritePlans(IReadOnlyList<SuiteFile> files, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(stream);
        var html = new StringBuilder();
        HtmlPage.Open(html, "KjTest explain");
        html.Append("<h1>KjTest explain</h1>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p class=\"summary\">{files.Count} {(files.Count == 1 ? "scenario" : "scenarios")}, planned without running guest code.</p>\n");
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            html.Append(CultureInfo.InvariantCulture, $"<section class=\"plan\" id=\"p{i + 1}\">\n<h2>{HtmlText.Escape(file.Name)}</h2>\n");
            if (file.Plan is not { } plan)
            {
                html.Append(CultureInfo.InvariantCulture, $"<p><code>{HtmlText.Escape(file.RelativePath)}</code>: skipped, it states outcome skip.</p>\n</section>\n");
                continue;
            }

            var arch = file.Parsed.Scenario?.EffectiveArch.ToString().ToLowerInvariant() ?? "";
            html.Append(CultureInfo.InvariantCulture, $"<p><code>{HtmlText.Escape(file.RelativePath)}</code>, era {HtmlText.Escape(plan.Machine.Era.Name)}, {HtmlText.Escape(arch)}, RAM {HtmlText.Size(plan.Machine.Ram)}</p>\n<ol class=\"steps\">\n");
            foreach (var step in plan.Steps)
            {
                html.Append("<li>").Append(HtmlText.Escape(step.Describe()));
                if (step is LoadPlan load && load.Segments.Count > 0)
                {
                    html.Append("\n<ul>\n");
                    foreach (var segment in load.Segments)
                    {
                        html.Append(CultureInfo.InvariantCulture, $"<li><code>segment mem {HtmlText.Hex(segment.Mem)} memsz {HtmlText.Hex(segment.MemSize)} bufsz {HtmlText.Hex(segment.BufSize)}</code></li>\n");
                    }

                    html.Append("</ul>\n");
                }

                if (plan.Previews.FirstOrDefault(p => ReferenceEquals(p.Step, step)) is { } preview)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<p>kexec_load: <code>{HtmlText.Escape(preview.Result)}</code></p>\n");
                    if (preview.Layout is { } layout)
                    {
                        // A long layout (many pages) is folded away; the picture below shows it anyway.
                        var text = KimageLayoutText.Render(layout);
                        var lines = text.Count(c => c == '\n');
                        html.Append(CultureInfo.InvariantCulture, $"<details class=\"layout\"{(lines <= LayoutLinesOpen ? " open=\"open\"" : "")}><summary>kimage layout ({lines} lines)</summary>\n");
                        html.Append("<pre class=\"layout\">").Append(HtmlText.Escape(text)).Append("</pre>\n</details>\n");
                    }
                }

                html.Append("</li>\n");
            }

            html.Append("</ol>\n");
            Pictures(html, plan, null);
            html.Append("</section>\n");
        }

        HtmlPage.Close(html);
        Bytes(stream, html);
    }

    private static void Section(StringBuilder html, SuiteResult done)
    {
        var result = done.Result;
        var status = Status(result);
        html.Append(CultureInfo.InvariantCulture, $"<details class=\"scenario {status}\" id=\"s{done.Index + 1}\" {Filtered(done)}{(result.Passed ? "" : " open=\"open\"")}>\n");
        html.Append(CultureInfo.InvariantCulture, $"<summary>{status.ToUpperInvariant()} {HtmlText.Escape(result.Name)} ({Word(result.Actual)}{(result.Passed ? "" : ", stated " + Stated(result))})</summary>\n");
        html.Append(CultureInfo.InvariantCulture, $"<p>file <code>{HtmlText.Escape(done.File.RelativePath)}</code>, id <code>{HtmlText.Escape(done.File.Id)}</code></p>\n");
        if (result.Messages.Count > 0)
        {
            html.Append("<ul class=\"messages\">\n");
            foreach (var message in result.Messages)
            {
                var span = message.Span;
                var place = span.Line > 0 ? string.Create(CultureInfo.InvariantCulture, $"{span.Path}:{span.Line}:{span.Column}: ") : "";
                html.Append("<li><code>").Append(HtmlText.Escape(place + message)).Append("</code></li>\n");
            }

            html.Append("</ul>\n");
        }

        if (result.Crash is { } crash)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>crash ({crash.Kind.ToString().ToLowerInvariant()})</h3>\n");
            Fields(html, "crash", crash.Fields, "before the jump", "at the crash");
        }

        if (result.Gap is { } gap)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>gap: {gap.Fields.Count} {(gap.Fields.Count == 1 ? "field" : "fields")}, {gap.Pages.Count} memory {(gap.Pages.Count == 1 ? "page" : "pages")}</h3>\n");
            if (gap.Fields.Count > 0)
            {
                Fields(html, "gap", gap.Fields, "old value", "new value");
            }

            if (gap.Pages.Count > 0)
            {
                html.Append("<table class=\"pages\">\n<thead><tr><th>page</th><th>differing bytes</th><th>first bytes before</th><th>first bytes after</th></tr></thead>\n<tbody>\n");
                foreach (var page in gap.Pages)
                {
                    var ranges = string.Join(", ", page.Ranges.Select(r => $"+0x{r.Offset:x}..+0x{r.Offset + r.Length:x}"));
                    html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"mono\">{HtmlText.Hex(page.Address)}</td><td class=\"mono\">{ranges}</td><td class=\"mono\">{Convert.ToHexString(page.FirstBefore).ToLowerInvariant()}</td><td class=\"mono\">{Convert.ToHexString(page.FirstAfter).ToLowerInvariant()}</td></tr>\n");
                }

                html.Append("</tbody>\n</table>\n");
            }
        }

        if (result.Console.Length > 0)
        {
            html.Append("<h3>console</h3>\n<pre class=\"console\">").Append(HtmlText.Escape(result.Console)).Append("</pre>\n");
        }

        if (done.File.Plan is { } plan)
        {
            Pictures(html, plan, result.Gap);
        }

        html.Append("</details>\n");
    }

    private static void Fields(StringBuilder html, string name, IReadOnlyList<GapField> fields, string before, string after)
    {
        html.Append(CultureInfo.InvariantCulture, $"<table class=\"{name}\">\n<thead><tr><th>field</th><th>{before}</th><th>{after}</th></tr></thead>\n<tbody>\n");
        foreach (var field in fields)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td class=\"mono\">{HtmlText.Escape(field.Name)}</td><td class=\"mono\">{HtmlText.Escape(field.Before)}</td><td class=\"mono\">{HtmlText.Escape(field.After)}</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    private static void Pictures(StringBuilder html, RunPlan plan, Gap? gap)
    {
        foreach (var picture in MemoryMapPicture.Of(plan, gap))
        {
            html.Append("<figure class=\"memory-map\">\n<figcaption>memory map ").Append(HtmlText.Escape(picture.Caption)).Append("</figcaption>\n");
            html.Append(MemoryMapSvg.Render(picture));
            html.Append("</figure>\n");
        }
    }

    // A result gets a section when there is more to say than its row: it did not pass, or it has a memory map.
    private static bool HasSection(SuiteResult done) => !done.Result.Passed || done.File.Plan?.Previews.Any(p => p.Layout is not null) == true;

    private static string Filtered(SuiteResult done)
    {
        var result = done.Result;
        var search = $"{result.Name} {done.File.RelativePath} {Word(result.Actual)} {Status(result)}".ToLowerInvariant();
        return $"data-outcome=\"{Word(result.Actual)}\" data-search=\"{HtmlText.Escape(search)}\"";
    }

    private static string Status(ScenarioResult result) => result.Actual == OutcomeKind.Skip ? "skip" : result.Passed ? "pass" : "fail";

    private static string Stated(ScenarioResult result) =>
        Word(result.Expected.Kind.Value) + (result.Expected.Fields.Count > 0 ? HtmlText.Escape($" [{string.Join(", ", result.Expected.Fields.Select(f => f.Value))}]") : "");

    private static string Word(OutcomeKind kind) => kind.ToString().ToLowerInvariant();

    private static void Bytes(Stream stream, StringBuilder html)
    {
        var bytes = new UTF8Encoding(false).GetBytes(html.ToString());
        stream.Write(bytes);
    }
}
