using KjTest.Dsl.Reading;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Suite;

/// <summary>One scenario file of a suite: read, checked and planned once, with the identity reports and reruns use.</summary>
/// <param name="Path">The file as the user named it (forward slashes).</param>
/// <param name="Parsed">The file read and checked, the planner's diagnostics included.</param>
/// <param name="Plan">The run plan, or null when the file is invalid or states <c>outcome: skip</c>.</param>
/// <param name="ContentHash">The first 16 hex digits of the SHA-256 of the file's bytes, to tell a changed scenario from an unchanged one.</param>
/// <param name="RelativePath">The file's path relative to the suite's root.</param>
/// <param name="Written">For one era's cell of a per-era scenario, the file as read and checked, before it was put on that era; null when <paramref name="Parsed"/> is the file itself.</param>
public sealed record SuiteFile(string Path, ParseResult Parsed, RunPlan? Plan, string ContentHash, string RelativePath, ParseResult? Written = null)
{
    /// <summary>The file as written (the scenario not put on any era), for the commands that speak of files.</summary>
    public ParseResult File => Written ?? Parsed;

    /// <summary>Whether the file read, checked and planned without an error.</summary>
    public bool Valid => Parsed.Succeeded;

    /// <summary>The scenario's name, or the file's name when it did not read.</summary>
    public string Name => Parsed.Scenario?.Name.Value is { Length: > 0 } name ? name : System.IO.Path.GetFileName(Path);

    /// <summary>The stable id: the path relative to the suite's root and the scenario's name.</summary>
    public string Id => $"{RelativePath}::{Name}";
}
