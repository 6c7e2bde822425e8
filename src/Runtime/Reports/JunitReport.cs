using System.Globalization;
using System.Xml;
using KjTest.Dsl.Model;

namespace KjTest.Runtime.Reports;

/// <summary>
/// JUnit XML in the shape Jenkins' junit step, GitLab's and GitHub's test reporters read: one <c>testsuite</c> per
/// file (named by its path), one <c>testcase</c> per scenario with <c>classname</c> the file and <c>name</c> the
/// scenario; a scenario that did not pass has a <c>failure</c> (<c>error</c> when KjTest itself could not run it)
/// carrying the report the console prints, a skip has <c>skipped</c>, and the guest's console output is
/// <c>system-out</c>.
/// </summary>
public static class JunitReport
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/> as UTF-8 XML.</summary>
    public static void Write(RunReport report, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(report);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false), NewLineChars = "\n" };
        using var xml = XmlWriter.Create(stream, settings);
        xml.WriteStartDocument();
        xml.WriteStartElement("testsuites");
        xml.WriteAttributeString("name", "kjtest");
        Counts(xml, report.Results);
        foreach (var file in report.Results.GroupBy(r => r.File.RelativePath))
        {
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", file.Key);
            Counts(xml, [.. file]);
            foreach (var done in file)
            {
                Case(xml, done);
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
    }

    private static void Counts(XmlWriter xml, IReadOnlyList<Suite.SuiteResult> results)
    {
        xml.WriteAttributeString("tests", Number(results.Count));
        xml.WriteAttributeString("failures", Number(results.Count(r => !r.Result.Passed && r.Result.Actual != OutcomeKind.Error)));
        xml.WriteAttributeString("errors", Number(results.Count(r => !r.Result.Passed && r.Result.Actual == OutcomeKind.Error)));
        xml.WriteAttributeString("skipped", Number(results.Count(r => r.Result.Actual == OutcomeKind.Skip)));
        xml.WriteAttributeString("time", Seconds(results.Aggregate(TimeSpan.Zero, (t, r) => t + r.Duration)));
    }

    private static void Case(XmlWriter xml, Suite.SuiteResult done)
    {
        var result = done.Result;
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("classname", done.File.RelativePath);
        xml.WriteAttributeString("name", result.Name);
        xml.WriteAttributeString("time", Seconds(done.Duration));
        if (result.Actual == OutcomeKind.Skip)
        {
            xml.WriteStartElement("skipped");
            xml.WriteAttributeString("message", (result.Messages.Count > 0 ? result.Messages[0].Text : "skipped"));
            xml.WriteEndElement();
        }
        else if (!result.Passed)
        {
            xml.WriteStartElement(result.Actual == OutcomeKind.Error ? "error" : "failure");
            xml.WriteAttributeString("message", ResultText.Line(result, done.File.Path, colour: false));
            xml.WriteAttributeString("type", result.Actual.ToString().ToLowerInvariant());
            xml.WriteString(ResultText.Details(result));
            xml.WriteEndElement();
        }

        if (result.Console.Length > 0)
        {
            xml.WriteElementString("system-out", XmlSafe(result.Console));
        }

        xml.WriteEndElement();
    }

    // XML 1.0 cannot carry most control characters, which a guest may well write.
    private static string XmlSafe(string text) => string.Concat(text.Select(c => XmlConvert.IsXmlChar(c) ? c.ToString() : $"\\x{(int)c:x2}"));

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
