namespace KjTest.Runtime.Kernel.Eras;

/// <summary>The one table of eras: one row per <see cref="KernelEra"/>, newest first.</summary>
public static class EraTable
{
    /// <summary>Every era, newest first.</summary>
    public static IReadOnlyList<EraTraits> All { get; } = [CurEra.Traits, K614Era.Traits, K30Era.Traits, K27Era.Traits];

    /// <summary>The traits of <paramref name="era"/>.</summary>
    public static EraTraits Of(KernelEra era) => All.First(e => e.Era == era);

    /// <summary>The era scenarios write as <paramref name="name"/>, or null.</summary>
    public static EraTraits? Named(string name) => All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
}
