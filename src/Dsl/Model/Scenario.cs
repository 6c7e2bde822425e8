using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>
/// One scenario: metadata, the machine, kernel A's state and settings, the images, and the steps.
/// Both front ends produce this same shape; the runtime sees nothing else.
/// </summary>
/// <param name="Span">The whole file.</param>
/// <param name="Name">Scenario name.</param>
/// <param name="Description">Free text, or null.</param>
/// <param name="Tags">Tags for filtering.</param>
/// <param name="Era">Kernel era; default CUR.</param>
/// <param name="Arch">Architecture; default x86_64.</param>
/// <param name="Seed">Seed for every random choice, or null for the default.</param>
/// <param name="Limits">Run limits.</param>
/// <param name="Outcome">The outcome the scenario expects.</param>
/// <param name="Machine">The machine.</param>
/// <param name="Kernel">Kernel A's kexec settings.</param>
/// <param name="State">Kernel A's CPU and FPU state.</param>
/// <param name="Memory">Initial contents of A's RAM.</param>
/// <param name="Images">Named images.</param>
/// <param name="Relocate">A user-supplied relocate routine, or null for the era's.</param>
/// <param name="Steps">Steps in order.</param>
/// <param name="OutcomeByEra">A per-era outcome table, empty when the scenario states one outcome. When written, the scenario runs once
/// on each era it names and <paramref name="Outcome"/> is its <c>default</c> row (pass when unwritten).</param>
public sealed record Scenario(
    SourceSpan Span,
    Located<string> Name,
    Located<string>? Description,
    IReadOnlyList<Located<string>> Tags,
    Located<Era>? Era,
    Located<Arch>? Arch,
    Located<ulong>? Seed,
    RunLimits Limits,
    ExpectedOutcome Outcome,
    MachineSpec Machine,
    KernelSettings Kernel,
    CpuStateSpec State,
    IReadOnlyList<MemoryInit> Memory,
    IReadOnlyList<ImageSpec> Images,
    RelocateSpec? Relocate,
    IReadOnlyList<Step> Steps,
    IReadOnlyList<EraOutcome>? OutcomeByEra = null)
{
    /// <summary>The per-era rows, in the order written; empty for a scenario with one outcome.</summary>
    public IReadOnlyList<EraOutcome> EraOutcomes => OutcomeByEra ?? [];

    /// <summary>The eras the scenario runs on when no era is asked for: the table's, in era order, else its own era.</summary>
    public IReadOnlyList<Era> Eras => EraOutcomes.Count > 0
        ? [.. EraOutcomes.Select(r => r.Era.Value).Distinct().Order()]
        : [EffectiveEra];

    /// <summary>The outcome stated for <paramref name="era"/>: its table row, else the scenario's outcome.</summary>
    public ExpectedOutcome OutcomeOn(Era era) => EraOutcomes.FirstOrDefault(r => r.Era.Value == era)?.Outcome ?? Outcome;

    /// <summary>The era, CUR when unwritten.</summary>
    public Era EffectiveEra => Era?.Value ?? Model.Era.Cur;

    /// <summary>The architecture: written, else i386 for K27, else x86_64.</summary>
    public Arch EffectiveArch => Arch?.Value ?? (EffectiveEra == Model.Era.K27 ? Model.Arch.I386 : Model.Arch.X86_64);
}
