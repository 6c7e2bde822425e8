namespace KjTest.NUnit;

/// <summary>The NUnit properties each scenario's test carries (filterable as <c>--filter "Era=k30"</c>).</summary>
public static class ScenarioProperties
{
    /// <summary>The era the test runs on (<c>cur</c>, <c>k614</c>, <c>k30</c>, <c>k27</c>).</summary>
    public const string Era = "Era";

    /// <summary>The architecture (<c>x86_64</c>, <c>i386</c>).</summary>
    public const string Arch = "Arch";

    /// <summary>The outcome the scenario states (<c>pass</c>, <c>gap</c>, <c>crash</c>, ...).</summary>
    public const string Outcome = "Outcome";

    /// <summary>The scenario file, relative to the project's folder.</summary>
    public const string File = "File";

    /// <summary>The stable id, as <c>kjtest</c>'s reports and <c>--rerun-failed</c> give it.</summary>
    public const string Id = "Id";

    /// <summary>The first 16 hex digits of the SHA-256 of the file, to tell an edited scenario from its earlier result.</summary>
    public const string ContentHash = "ContentHash";
}
