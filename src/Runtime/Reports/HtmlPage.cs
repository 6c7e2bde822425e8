using System.Text;

namespace KjTest.Runtime.Reports;

/// <summary>
/// The frame of KjTest's HTML pages: one self-contained file, its style and script inline (no network, no fonts
/// fetched), written in XHTML syntax with the script and style in CDATA so an XML parser reads it as well as a browser.
/// </summary>
public static class HtmlPage
{
    private const string Css = """
        body { font: 14px/1.4 "DejaVu Sans", sans-serif; margin: 1em 2em; color: #222222; background: #ffffff; }
        h1 { font-size: 1.5em; margin: 0.2em 0; }
        h2 { font-size: 1.25em; margin-top: 1.5em; }
        [hidden] { display: none !important; }
        .summary .pass, td.pass { color: #2e7d32; }
        .summary .fail, td.fail { color: #c62828; }
        .summary .skip, td.skip { color: #a66f00; }
        td.pass, td.fail, td.skip { font-weight: bold; }
        .filters { margin: 0.8em 0; display: flex; flex-wrap: wrap; gap: 0.6em 1.2em; align-items: center; }
        #filter { width: 22em; padding: 0.2em 0.4em; font: inherit; }
        table { border-collapse: collapse; margin: 0.4em 0; }
        th, td { border: 1px solid #cccccc; padding: 0.15em 0.5em; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; }
        td.mono, pre, code { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; }
        pre { background: #f6f6f6; border: 1px solid #dddddd; padding: 0.5em; overflow-x: auto; white-space: pre-wrap; }
        details.scenario { border: 1px solid #dddddd; border-radius: 4px; padding: 0.3em 0.8em; margin: 0.6em 0; }
        details.scenario > summary { cursor: pointer; font-weight: bold; }
        ul.messages { padding-left: 1.4em; }
        figure { margin: 0.6em 0; }
        figcaption { font-style: italic; }
        """;

    private const string Script = """
        (function () {
          'use strict';
          // Hovering a destination or source page outlines its partner in the same picture.
          Array.prototype.forEach.call(document.querySelectorAll('svg.memory-map'), function (svg) {
            function partner(event) {
              var pair = event.target.getAttribute && event.target.getAttribute('data-pair');
              return pair ? svg.querySelector('rect[data-page="' + pair + '"]') : null;
            }
            svg.addEventListener('mouseover', function (event) {
              var other = partner(event);
              if (other) { other.classList.add('pair'); }
            });
            svg.addEventListener('mouseout', function (event) {
              var other = partner(event);
              if (other) { other.classList.remove('pair'); }
            });
          });
          var box = document.getElementById('filter');
          if (!box) { return; }
          var outcomes = Array.prototype.slice.call(document.querySelectorAll('input.outcome'));
          var rows = Array.prototype.slice.call(document.querySelectorAll('#results tbody tr'));
          var sections = Array.prototype.slice.call(document.querySelectorAll('details.scenario'));
          var shown = document.getElementById('shown');
          var none = document.getElementById('none');
          function apply() {
            var text = box.value.trim().toLowerCase();
            var allowed = {};
            outcomes.forEach(function (o) { allowed[o.value] = o.checked; });
            function show(element) {
              var visible = allowed[element.getAttribute('data-outcome')] !== false
                && (text === '' || element.getAttribute('data-search').indexOf(text) !== -1);
              element.hidden = !visible;
              return visible;
            }
            var count = rows.filter(show).length;
            sections.forEach(show);
            shown.textContent = count + ' of ' + rows.length + ' shown';
            none.hidden = count !== 0;
          }
          box.addEventListener('input', apply);
          outcomes.forEach(function (o) { o.addEventListener('change', apply); });
          apply();
        })();
        """;

    /// <summary>Opens the document: doctype, head with the title and the styles, body.</summary>
    public static void Open(StringBuilder html, string title)
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Append("<!DOCTYPE html>\n");
        html.Append("<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        html.Append("<title>").Append(HtmlText.Escape(title)).Append("</title>\n");
        html.Append("<style>/*<![CDATA[*/\n").Append(Css).Append('\n').Append(MemoryMapSvg.Css).Append("\n/*]]>*/</style>\n");
        html.Append("</head>\n<body>\n");
    }

    /// <summary>Closes the document, with the script (the results filter and the pictures' hover).</summary>
    public static void Close(StringBuilder html)
    {
        ArgumentNullException.ThrowIfNull(html);
        html.Append("<script>//<![CDATA[\n").Append(Script).Append("\n//]]></script>\n");

        html.Append("</body>\n</html>\n");
    }
}
