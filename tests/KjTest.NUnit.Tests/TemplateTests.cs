using System.Xml.Linq;

namespace KjTest.NUnit.Tests;

/// <summary>The template as written: it must name the package version this repository packs.</summary>
public sealed class TemplateTests
{
    [Test]
    public void The_template_references_the_version_of_KjTest_NUnit_this_repository_packs()
    {
        var project = XDocument.Load(Path.Combine(Repository.Root, "templates", "content", "kjtest-scenarios", "KjTestConsumer.csproj"));
        var reference = project.Descendants("PackageReference").Single(r => (string?)r.Attribute("Include") == "KjTest.NUnit");
        Assert.That((string?)reference.Attribute("Version"), Is.EqualTo(Repository.Version));
    }

    [Test]
    public void The_templates_test_packages_are_the_versions_this_repository_tests_with()
    {
        var project = XDocument.Load(Path.Combine(Repository.Root, "templates", "content", "kjtest-scenarios", "KjTestConsumer.csproj"));
        var central = XDocument.Load(Path.Combine(Repository.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion").ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);
        foreach (var name in new[] { "NUnit", "NUnit3TestAdapter", "Microsoft.NET.Test.Sdk" })
        {
            var reference = project.Descendants("PackageReference").Single(r => (string?)r.Attribute("Include") == name);
            Assert.That((string?)reference.Attribute("Version"), Is.EqualTo(central[name]), name);
        }
    }
}
