using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Checks;

/// <summary>image->start of A's normal image.</summary>
/// <param name="Span">The expectation.</param>
/// <param name="Value">The address expected.</param>
/// <param name="Written">The value as written (a number or a label).</param>
public sealed record ImageStartCheck(SourceSpan Span, ulong Value, string Written) : PlannedCheck(Span)
{
    /// <inheritdoc />
    public override string Describe() => "imagestart";

    /// <inheritdoc />
    internal override void Evaluate(IExpectContext context)
    {
        if (context.NormalImage is not { } image)
        {
            context.Fail(RuntimeCatalogue.Message(RuntimeCatalogue.NoImageStart, Span));
        }
        else if (image.Start != Value)
        {
            context.Fail(RuntimeCatalogue.Message(RuntimeCatalogue.ImageStartDiffers, Span, image.Start, Value, Written));
        }
    }
}
