using KjTest.Runtime.Suite;

namespace KjTest.NUnit;

/// <summary>
/// One test of a <see cref="ScenarioFixture"/>: a scenario (or one era cell of it) as discovery read, checked and
/// planned it, or what stopped it from being a test.
/// </summary>
public sealed record ScenarioCase
{
    internal ScenarioCase(string name, string id, string relativePath, string fullPath, int line)
    {
        Name = name;
        Id = id;
        RelativePath = relativePath;
        FullPath = fullPath;
        Line = line;
    }

    /// <summary>The test's name: the scenario's name, <c>name[era]</c> for an era cell, the file's path for a file that does not check.</summary>
    public string Name { get; }

    /// <summary>The stable id <c>kjtest</c> reports use: the file relative to the project and the name.</summary>
    public string Id { get; }

    /// <summary>The file relative to the project's folder (forward slashes); the pattern itself when nothing matched it.</summary>
    public string RelativePath { get; }

    /// <summary>The file's full path.</summary>
    public string FullPath { get; }

    /// <summary>The line the scenario's name is on (1 when unknown), for navigation.</summary>
    public int Line { get; }

    /// <summary>The loaded file, for a test that runs.</summary>
    internal SuiteFile? File { get; init; }

    /// <summary>Why the test cannot run (rendered diagnostics, an unmatched pattern, a duplicate name); null when it can.</summary>
    internal string? NotRunnable { get; init; }

    /// <summary>The fixture's bound on scenarios running at once, shared by its tests.</summary>
    internal SemaphoreSlim? Slots { get; init; }

    /// <summary>The id: what a test runner shows for the argument.</summary>
    public override string ToString() => Id;
}
