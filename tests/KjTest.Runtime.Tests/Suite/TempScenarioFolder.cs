namespace KjTest.Runtime.Tests.Suite;

/// <summary>A folder of scenario files for one test, deleted afterwards.</summary>
internal sealed class TempScenarioFolder : IDisposable
{
    public TempScenarioFolder()
    {
        Path = Directory.CreateTempSubdirectory("kjtest-suite-").FullName;
    }

    public string Path { get; }

    public string Write(string name, string text)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, text);
        return file;
    }

    public string Copy(string file)
    {
        var target = System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file));
        File.Copy(file, target);
        return target;
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
