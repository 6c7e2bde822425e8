namespace KjTest.Dsl.Tests;

/// <summary>Folders of the repository the tests read from (goldens are rewritten in place).</summary>
internal static class RepoPaths
{
    /// <summary>The folder holding KjTest.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The scenario catalogue.</summary>
    public static string Scenarios => Path.Combine(Root, "scenarios");

    /// <summary>The DSL test corpus.</summary>
    public static string Corpus => Path.Combine(Root, "tests", "KjTest.Dsl.Tests", "Corpus");

    /// <summary>True when goldens should be rewritten instead of compared (KJTEST_ACCEPT=1).</summary>
    public static bool Accept => Environment.GetEnvironmentVariable("KJTEST_ACCEPT") == "1";

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "KjTest.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("KjTest.sln not found above the test directory");
    }
}
