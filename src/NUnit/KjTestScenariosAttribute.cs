namespace KjTest.NUnit;

/// <summary>
/// Names the scenario files a <see cref="ScenarioFixture"/> turns into tests: files, folders or globs, relative to the
/// test project's folder. Each scenario becomes one test, each era cell of a per-era scenario one test named
/// <c>name[era]</c>. Several attributes on one fixture add up.
/// </summary>
/// <param name="patterns">Files, folders (searched recursively) or globs such as <c>scenarios/**/*.yaml</c>.</param>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class KjTestScenariosAttribute(params string[] patterns) : Attribute
{
    /// <summary>The files, folders or globs, as written.</summary>
    public IReadOnlyList<string> Patterns { get; } = patterns ?? [];

    /// <summary>
    /// How many files load at once, and how many of these scenarios run at once; above 1 the tests are
    /// parallelizable, and NUnit's own worker count bounds them too. Default 1: one at a time.
    /// </summary>
    public int Jobs { get; set; } = 1;

    /// <summary>The eras every scenario runs on, as <c>kjtest run --eras</c> takes them (<c>cur,k30</c> or <c>all</c>); null for each scenario's own.</summary>
    public string? Eras { get; set; }

    /// <summary>A selection as <c>kjtest run --filter</c> takes it (for example <c>tag=smoke &amp; era!=k27</c>); null for every scenario.</summary>
    public string? Filter { get; set; }

    /// <summary>Whether a warning makes a file not runnable, as <c>kjtest run --strict</c>.</summary>
    public bool Strict { get; set; }
}
