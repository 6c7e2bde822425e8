namespace KjTest.NUnit.Tests;

/// <summary>
/// A user's test project in a temporary folder, made by <c>dotnet new kjtest-scenarios</c> from the packed template,
/// referencing the packed <c>KjTest.NUnit</c> from a local folder feed (never a project reference), with the bundled
/// catalogue, a broken file, a failing scenario and a pattern that matches nothing.
/// </summary>
internal sealed class Consumer : IDisposable
{
    private Consumer(string root)
    {
        Root = root;
        Project = Path.Combine(root, "Consumer");
    }

    /// <summary>The temporary folder: feed, template hive, packages and the project.</summary>
    public string Root { get; }

    /// <summary>The consumer project's folder.</summary>
    public string Project { get; }

    /// <summary>Packs the adapter and the template, creates the project from the template and adds the fixtures; not yet built.</summary>
    public static Consumer Create()
    {
        var consumer = new Consumer(Directory.CreateTempSubdirectory("kjtest-consumer-").FullName);
        var feed = Path.Combine(consumer.Root, "feed");
        var hive = Path.Combine(consumer.Root, "hive");
        Succeed(DotnetRun.In(Repository.Root, "pack", "src/NUnit", "-c", Repository.Configuration, "--no-build", "-o", feed));
        Succeed(DotnetRun.In(Repository.Root, "pack", "templates", "-c", Repository.Configuration, "-o", feed));
        Succeed(DotnetRun.In(consumer.Root, "new", "install", Path.Combine(feed, $"KjTest.Templates.{Repository.Version}.nupkg"), "--debug:custom-hive", hive));
        Succeed(DotnetRun.In(consumer.Root, "new", "kjtest-scenarios", "-o", consumer.Project, "--debug:custom-hive", hive));

        File.WriteAllText(Path.Combine(consumer.Root, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="kjtest-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        // Packages restore into the temporary folder, so the KjTest.NUnit used is the one just packed; the machine's
        // cache serves the others, unless it holds a KjTest.NUnit of this version that would shadow the feed.
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var fallback = Directory.Exists(cache) && !Directory.Exists(Path.Combine(cache, "kjtest.nunit", Repository.Version)) ? cache : "";
        File.WriteAllText(Path.Combine(consumer.Root, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <RestorePackagesPath>{Path.Combine(consumer.Root, "packages")}</RestorePackagesPath>
                <RestoreAdditionalProjectFallbackFolders>{fallback}</RestoreAdditionalProjectFallbackFolders>
              </PropertyGroup>
            </Project>
            """);

        CopyFolder(Path.Combine(Repository.Root, "scenarios"), Path.Combine(consumer.Project, "catalogue"));
        var extra = Directory.CreateDirectory(Path.Combine(consumer.Project, "extra")).FullName;
        // B1 on K30 stated to pass: it triple-faults, so the test fails with the crash's fields.
        File.WriteAllText(Path.Combine(extra, "b1-stated-pass.yaml"), File.ReadAllText(Path.Combine(Repository.Root, "scenarios", "b1-gdt-not-restored.yaml"))
            .Replace("name: b1-gdt-not-restored", "name: b1-stated-pass", StringComparison.Ordinal)
            .Replace("  k30: crash", "  k30: pass", StringComparison.Ordinal));
        // A clobbered r12 stated to pass: the test fails with the gap's field, before and after.
        File.WriteAllText(Path.Combine(extra, "gap-stated-pass.yaml"), File.ReadAllText(Path.Combine(Repository.Root, "scenarios", "clobber-after-machine-kexec.yaml"))
            .Replace("name: clobber-after-machine-kexec", "name: gap-stated-pass", StringComparison.Ordinal)
            .Replace("outcome:\n  kind: gap\n  fields: [r12]\n", "", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(extra, "broken.yaml"), "name: broken\nmachine:\n  ram: 64MiB\nimages:\n  - name: b\n    entry: 0x400000\n    segmnts: []\nsteps:\n  - load: b\n");
        var fresh = Directory.CreateDirectory(Path.Combine(consumer.Project, "fresh")).FullName;
        File.Copy(Path.Combine(consumer.Project, "scenarios", "first-jump.yaml"), Path.Combine(fresh, "edited.yaml"));
        File.WriteAllText(Path.Combine(fresh, "edited.yaml"), File.ReadAllText(Path.Combine(fresh, "edited.yaml")).Replace("name: first-jump", "name: edited", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(consumer.Project, "Fixtures.cs"), """
            using KjTest.NUnit;

            namespace Consumer;

            // .yaml only: the catalogue's .kjt twins state the same names.
            [KjTestScenarios("catalogue/**/*.yaml", Jobs = 2)]
            public sealed class Catalogue : ScenarioFixture { }

            [KjTestScenarios("extra/*.yaml")]
            public sealed class Extra : ScenarioFixture { }

            [KjTestScenarios("missing/**/*.yaml")]
            public sealed class Missing : ScenarioFixture { }

            [KjTestScenarios("fresh")]
            public sealed class Fresh : ScenarioFixture { }
            """);
        return consumer;
    }

    /// <summary>Runs <c>dotnet</c> in the project's folder.</summary>
    public DotnetRun Dotnet(params string[] arguments) => DotnetRun.In(Project, arguments);

    /// <summary>The test names <c>dotnet test --list-tests</c> prints, in its order.</summary>
    public static IReadOnlyList<string> Listed(DotnetRun run)
    {
        Succeed(run);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.FindIndex(l => l.StartsWith("The following Tests are available:", StringComparison.Ordinal));
        Assert.That(start, Is.GreaterThanOrEqualTo(0), run.Output);
        return [.. lines.Skip(start + 1).Where(l => l.StartsWith("    ", StringComparison.Ordinal)).Select(l => l.Trim())];
    }

    /// <summary>Fails the test with the command's output when it did not exit 0.</summary>
    public static DotnetRun Succeed(DotnetRun run)
    {
        Assert.That(run.ExitCode, Is.Zero, run.Output);
        return run;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A test host still closing may hold a file; the temporary folder is the system's to clean.
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
