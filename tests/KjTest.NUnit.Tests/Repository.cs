using System.Reflection;

namespace KjTest.NUnit.Tests;

/// <summary>What the build wrote into this assembly: the repository it came from, its configuration and KjTest's version.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("KjTest.RepositoryRoot");

    public static string Configuration { get; } = Metadata("KjTest.Configuration");

    public static string Version { get; } = Metadata("KjTest.Version");

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"no {key} in the test assembly");
}
