using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Runtime.Suite;

/// <summary>
/// A scenario as one cell of the era matrix: run on one era, named <c>name[era]</c>, stating that era's outcome.
/// The architecture stays the scenario's own, so an i386 scenario asked to run on an x86-64-only era is refused by
/// the planner (KJ1701) rather than reinterpreted.
/// </summary>
public static class EraMatrix
{
    /// <summary><paramref name="scenario"/> on <paramref name="era"/>.</summary>
    public static Scenario On(Scenario scenario, Era era)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var span = scenario.Era?.Span ?? scenario.Name.Span;
        return scenario with
        {
            Name = scenario.Name with { Value = $"{scenario.Name.Value}[{Words.Of(Words.Eras, era)}]" },
            Era = new Located<Era>(era, span),
            Arch = new Located<Arch>(scenario.EffectiveArch, scenario.Arch?.Span ?? span),
            Outcome = scenario.OutcomeOn(era),
            OutcomeByEra = null,
        };
    }

    /// <summary>The cell <paramref name="instance"/> as a skip whose reason is why <paramref name="era"/> cannot run it.</summary>
    public static Scenario CannotRun(Scenario instance, Era era, IEnumerable<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(diagnostics);
        var first = diagnostics.First(d => d.IsError);
        var reason = new Located<string>($"cannot run on {Words.Of(Words.Eras, era)}: {first.Id}: {first.Message}", first.Span);
        return instance with
        {
            Outcome = new ExpectedOutcome(instance.Outcome.Span, new Located<OutcomeKind>(OutcomeKind.Skip, instance.Outcome.Kind.Span), [], reason),
        };
    }
}
