using System.Xml.Linq;

namespace KjTest.NUnit.Tests;

/// <summary>One test's result in a TRX file, as <c>dotnet test --logger trx</c> writes it.</summary>
internal sealed record TrxResult(string Name, string Outcome, string Message, string StackTrace, string Output, IReadOnlyList<string> Attachments, DateTimeOffset Start, DateTimeOffset End)
{
    private static readonly XNamespace Ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";

    /// <summary>Every result of <paramref name="path"/>, by test name (names are unique in the consumer).</summary>
    public static IReadOnlyDictionary<string, TrxResult> Read(string path)
    {
        var document = XDocument.Load(path);
        return document.Descendants(Ns + "UnitTestResult").Select(r => new TrxResult(
                (string)r.Attribute("testName")!,
                (string)r.Attribute("outcome")!,
                (string?)r.Descendants(Ns + "Message").FirstOrDefault() ?? "",
                (string?)r.Descendants(Ns + "StackTrace").FirstOrDefault() ?? "",
                (string?)r.Descendants(Ns + "StdOut").FirstOrDefault() ?? "",
                [.. r.Descendants(Ns + "ResultFile").Select(f => (string)f.Attribute("path")!)],
                DateTimeOffset.Parse((string)r.Attribute("startTime")!, System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.Parse((string)r.Attribute("endTime")!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToDictionary(r => r.Name, StringComparer.Ordinal);
    }
}
