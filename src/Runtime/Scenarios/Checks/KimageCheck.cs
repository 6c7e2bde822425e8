using System.Globalization;
using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Kernel;

namespace KjTest.Runtime.Scenarios.Checks;

/// <summary>Facts of A's normal kimage layout.</summary>
/// <param name="Span">The expectation.</param>
/// <param name="Facts">The facts stated, in order.</param>
public sealed record KimageCheck(SourceSpan Span, IReadOnlyList<KimageFact> Facts) : PlannedCheck(Span)
{
    /// <inheritdoc />
    public override string Describe() => "kimage";

    /// <inheritdoc />
    internal override void Evaluate(IExpectContext context)
    {
        if (context.NormalImage is not { } layout)
        {
            context.Fail(RuntimeCatalogue.Message(RuntimeCatalogue.NoKimage, Span));
            return;
        }

        foreach (var fact in Facts)
        {
            var (actual, text) = Measure(layout, fact.Property);
            if (actual != fact.Value)
            {
                context.Fail(RuntimeCatalogue.Message(RuntimeCatalogue.KimageDiffers, fact.Span, fact.Name, text, fact.Written));
            }
        }
    }

    /// <summary>The property's value in <paramref name="layout"/>, and as reports print it.</summary>
    public static (ulong Value, string Text) Measure(KimageLayout layout, KimageProperty property)
    {
        ArgumentNullException.ThrowIfNull(layout);
        static (ulong, string) Count(int n) => ((ulong)n, n.ToString(CultureInfo.InvariantCulture));
        static (ulong, string) Address(ulong a) => (a, $"0x{a:x}");
        return property switch
        {
            KimageProperty.Segments => Count(layout.Segments.Count),
            KimageProperty.SourcePages => Count(layout.Pages.Count),
            KimageProperty.IndirectionPages => Count(layout.IndirectionPages.Count),
            KimageProperty.SelfDestinations => Count(layout.Pages.Count(p => p.Source == p.Destination)),
            KimageProperty.ControlPage => Address(layout.ControlPages[0]),
            KimageProperty.SwapPage => Address(layout.SwapPage ?? 0),
            KimageProperty.Head => Address(layout.Head),
            _ => layout.Pages.All(p => p.Source == p.Destination || !layout.DestinationRanges.Any(r => r.TouchesPage(p.Source))) ? (1UL, "true") : (0UL, "false"),
        };
    }
}
