using KjTest.Abi;

namespace KjTest.Dsl.Vocabulary;

/// <summary>What a <c>jump</c> step may expect besides <c>ok</c> and errno names.</summary>
public static class JumpOutcomes
{
    /// <summary>The machine reset through a triple fault.</summary>
    public const string TripleFault = "triple_fault";

    /// <summary>The guest ran past its limits.</summary>
    public const string Timeout = "timeout";

    /// <summary>A guest exception nobody handled.</summary>
    public const string Crash = "crash";

    /// <summary>The non-errno outcomes.</summary>
    public static IReadOnlyList<string> Names { get; } = [TripleFault, Timeout, Crash];

    /// <summary>True for <c>ok</c>, an errno name, or one of <see cref="Names"/>.</summary>
    public static bool IsValid(string text) =>
        Errno.TryGet(text, out _) || Names.Contains(text.ToLowerInvariant());

    /// <summary>The canonical spelling of a jump outcome: <c>ok</c> and the outcomes in lower case, errno names in upper case; null when unknown.</summary>
    public static string? Canonical(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lower = text.ToLowerInvariant();
        return Errno.Canonical(text) ?? (Names.Contains(lower) ? lower : null);
    }

    /// <summary>Every accepted word, for hints.</summary>
    public static IEnumerable<string> All => Names.Concat([Errno.Ok]).Concat(Errno.Names.Keys);
}
