using System.Reflection;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Tests.Images;

public class ImageDiagnosticCatalogueTests
{
    private static List<DiagnosticDescriptor> ImageDescriptors() =>
        typeof(DiagnosticCatalogue).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Select(property => (DiagnosticDescriptor)property.GetValue(null)!)
            .Where(descriptor => descriptor.Id.StartsWith("KJ14", StringComparison.Ordinal))
            .ToList();

    [Test]
    public void Image_diagnostics_have_distinct_ids_in_the_kj14xx_range()
    {
        var descriptors = ImageDescriptors();

        Assert.That(descriptors, Has.Count.GreaterThanOrEqualTo(30));
        Assert.That(descriptors.Select(d => d.Id), Is.Unique);
        Assert.That(descriptors.Select(d => d.Id), Has.All.Match("^KJ14[0-9]{2}$"));
        Assert.That(descriptors.Where(d => d.Severity == Severity.Warning).Select(d => d.Id), Is.EqualTo(new[] { "KJ1416" }));
    }

    [Test]
    public void Every_image_diagnostic_message_formats_with_its_arguments()
    {
        foreach (var descriptor in ImageDescriptors())
        {
            var diagnostic = descriptor.Create(SourceSpan.StartOf("f"), "a", "b", "c", "d", "e");
            Assert.That(diagnostic.Message, Does.Not.Contain("{"), descriptor.Id);
        }
    }
}
