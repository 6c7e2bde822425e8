namespace KjTest.Dsl.Tests.Text;

/// <summary>Finds the checked-in .kjt corpora in the source tree, so accepted goldens land next to their inputs.</summary>
internal static class KjtCorpus
{
    public static string Directory(string name)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KjTest.Dsl.Tests.csproj")))
        {
            dir = dir.Parent;
        }

        return dir is null
            ? throw new DirectoryNotFoundException("tests/KjTest.Dsl.Tests not found above " + TestContext.CurrentContext.TestDirectory)
            : Path.Combine(dir.FullName, "Corpus", name);
    }

    public static IEnumerable<TestCaseData> Cases(string name)
    {
        var dir = Directory(name);
        return System.IO.Directory.Exists(dir)
            ? System.IO.Directory.GetFiles(dir, "*.kjt").Order(StringComparer.Ordinal).Select(f => new TestCaseData(Path.GetFileName(f)).SetName(name + "/" + Path.GetFileName(f)))
            : [];
    }

    /// <summary>Compares with a golden file; on mismatch writes <c>name.actual.txt</c>, or rewrites the golden when accepting.</summary>
    public static void AssertGolden(string dir, string file, string suffix, string actual)
    {
        var stem = Path.GetFileNameWithoutExtension(file);
        GoldenFile.AssertMatches(Path.Combine(dir, stem + suffix), Path.Combine(dir, stem + ".actual.txt"), actual);
    }
}
