using Spectre.Console;
using Spectre.Console.Rendering;

namespace KjTest.Cli.Terminal;

/// <summary>The one column of the progress display: <see cref="ProgressLine"/>'s text, rendered afresh at each refresh.</summary>
internal sealed class ProgressLineColumn : ProgressColumn
{
    private ProgressLine? _line;

    /// <summary>Connects the column to the line it shows.</summary>
    public void Bind(ProgressLine line) => _line = line;

    /// <inheritdoc />
    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        new Markup(_line?.Markup() ?? "", new Style(decoration: Decoration.None)).Overflow(Overflow.Ellipsis);
}
