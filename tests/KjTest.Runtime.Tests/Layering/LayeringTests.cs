using System.Reflection;
using System.Runtime.CompilerServices;
using KjTest.Runtime.Tests.Scenarios;

namespace KjTest.Runtime.Tests.Layering;

/// <summary>
/// The layering of DESIGN.md section 2, checked on the built assemblies and the sources: the ABI below everything,
/// the machine and the kernel model knowing nothing of scenario files, and every type name meaning one thing.
/// </summary>
public class LayeringTests
{
    private static readonly Assembly[] Product =
    [
        typeof(Abi.Errno).Assembly,
        typeof(Dsl.Model.Scenario).Assembly,
        typeof(Runtime.Scenarios.ScenarioRunner).Assembly,
        typeof(Cli.ExitCodes).Assembly,
    ];

    [Test]
    public void No_two_product_types_share_a_simple_name()
    {
        var types = Product.SelectMany(a => a.GetTypes())
            .Where(t => !t.IsNested && t.GetCustomAttribute<CompilerGeneratedAttribute>() is null && !t.Name.StartsWith('<'))
            .Where(t => t.Namespace?.StartsWith("KjTest.", StringComparison.Ordinal) == true);

        var shared = types.GroupBy(t => t.Name).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(t => t.FullName))}");

        Assert.That(shared, Is.Empty);
    }

    [Test]
    public void The_abi_references_neither_the_language_nor_the_runtime()
    {
        var references = typeof(Abi.Errno).Assembly.GetReferencedAssemblies().Select(a => a.Name);

        Assert.That(references, Has.None.StartsWith("KjTest."));
    }

    [TestCase("KjTest.Runtime.Machine")]
    [TestCase("KjTest.Runtime.Kernel")]
    public void A_lower_layer_uses_no_type_of_the_scenario_language(string space)
    {
        var types = typeof(Runtime.Scenarios.ScenarioRunner).Assembly.GetTypes().Where(t => t.Namespace?.StartsWith(space, StringComparison.Ordinal) == true);
        var uses = types.SelectMany(t => Signatures(t).Select(s => (t, s))).Where(p => p.s.Namespace?.StartsWith("KjTest.Dsl", StringComparison.Ordinal) == true)
            .Select(p => $"{p.t.FullName} uses {p.s.FullName}");

        Assert.That(uses, Is.Empty);
    }

    [TestCase("src/Runtime/Machine")]
    [TestCase("src/Runtime/Kernel")]
    public void A_lower_layers_sources_name_no_scenario_language_namespace(string folder)
    {
        var root = Path.Combine(ScenarioCatalogueTests.FindRoot(), folder);
        var naming = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("Dsl.", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(root, f));

        Assert.That(naming, Is.Empty);
    }

    // The types a type's own members mention: base types, interfaces, fields, properties, method and constructor signatures.
    private static IEnumerable<Type> Signatures(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var mentioned = new List<Type?> { type.BaseType };
        mentioned.AddRange(type.GetInterfaces());
        mentioned.AddRange(type.GetFields(all).Select(f => f.FieldType));
        mentioned.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            mentioned.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                mentioned.Add(info.ReturnType);
            }
        }

        return mentioned.Where(t => t is not null).SelectMany(t => Unwrap(t!));
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            return Unwrap(type.GetElementType()!);
        }

        return type.IsGenericType ? [type, .. type.GetGenericArguments().SelectMany(Unwrap)] : [type];
    }
}
