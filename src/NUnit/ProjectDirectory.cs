using System.Reflection;
using NUnit.Framework;

namespace KjTest.NUnit;

/// <summary>Where a fixture's scenario patterns are relative to.</summary>
internal static class ProjectDirectory
{
    /// <summary>The assembly property the package's build targets write: the test project's folder.</summary>
    public const string PropertyName = "KjTest.ProjectDirectory";

    /// <summary>
    /// The project's folder that built <paramref name="assembly"/>, so a scenario is read where it is edited; the
    /// assembly's own folder when that is unknown or gone (an assembly run on another machine, scenarios copied beside it).
    /// </summary>
    public static string Of(Assembly assembly) =>
        assembly.GetCustomAttributes<PropertyAttribute>()
            .SelectMany(a => a.Properties[PropertyName].OfType<string>())
            .FirstOrDefault(Directory.Exists)
        ?? (Path.GetDirectoryName(assembly.Location) is { Length: > 0 } own ? own : AppContext.BaseDirectory);
}
