using KjTest.Dsl.Checking;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;

namespace KjTest.Dsl.Tests.Checking;

/// <summary>Records what the checker hands to the image-content seam.</summary>
internal sealed class RecordingImageChecker : IImageContentChecker
{
    public List<string> Images { get; } = [];

    public List<Content> Contents { get; } = [];

    public void CheckImage(Scenario scenario, ImageSpec image, DiagnosticBag diagnostics) => Images.Add(image.Name.Value);

    public void CheckContent(Scenario scenario, Content content, ulong address, DiagnosticBag diagnostics) => Contents.Add(content);
}
