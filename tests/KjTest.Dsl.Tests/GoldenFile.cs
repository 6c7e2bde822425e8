namespace KjTest.Dsl.Tests;

/// <summary>
/// Compares output with a golden file. On a mismatch the output is written to the actual path for
/// inspection; with KJTEST_ACCEPT=1 the golden is rewritten instead.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string goldenPath, string actualPath, string actual)
    {
        if (RepoPaths.Accept)
        {
            File.WriteAllText(goldenPath, actual);
            File.Delete(actualPath);
            return;
        }

        var expected = File.Exists(goldenPath) ? File.ReadAllText(goldenPath) : "<missing " + Path.GetFileName(goldenPath) + ">";
        if (expected == actual)
        {
            File.Delete(actualPath);
            return;
        }

        File.WriteAllText(actualPath, actual);
        Assert.That(actual, Is.EqualTo(expected), $"output differs from {goldenPath}; see {actualPath} (KJTEST_ACCEPT=1 rewrites it)");
    }
}
