using KjTest.Dsl.Checking;
using KjTest.Dsl.Images;
using KjTest.Dsl.Reading;
using KjTest.Dsl.Text;
using KjTest.Dsl.Yaml;

namespace KjTest.Cli;

/// <summary>The one place that lists the scenario syntaxes and builds the checker the commands use.</summary>
public static class FrontEnds
{
    /// <summary>A reader for every supported scenario syntax (YAML and .kjt).</summary>
    public static ScenarioReader CreateReader() => new([new YamlFrontEnd(), new KjtFrontEnd()]);

    /// <summary>The semantic checker, with image content resolved (assembly, hex, raw and ELF files, entry labels).</summary>
    public static ScenarioChecker CreateChecker() => new(new ResolvingImageChecker(new ImageResolver()));
}
