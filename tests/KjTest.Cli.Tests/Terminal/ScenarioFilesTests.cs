using KjTest.Cli.Tests.Commands;
using KjTest.Runtime.Suite;

namespace KjTest.Cli.Tests.Terminal;

public sealed class ScenarioFilesTests
{
    [Test]
    public void A_file_named_twice_or_also_found_in_a_folder_is_read_once()
    {
        using var folder = new TempFolder();
        var a = folder.Write("a.yaml", "name: a\nsteps: []\n");

        var (files, diagnostics) = ScenarioDiscovery.Expand([a, folder.Path, a], FrontEnds.CreateReader());

        Assert.That(files, Has.Count.EqualTo(1));
        Assert.That(diagnostics, Is.Empty);
    }

    [Test]
    public void An_empty_folder_matches_nothing()
    {
        using var folder = new TempFolder();

        var (files, diagnostics) = ScenarioDiscovery.Expand([folder.Path], FrontEnds.CreateReader());

        Assert.That(files, Is.Empty);
        Assert.That(diagnostics.Single().Id, Is.EqualTo("KJ1005"));
    }
}
