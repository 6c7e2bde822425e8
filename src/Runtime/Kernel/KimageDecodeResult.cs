namespace KjTest.Runtime.Kernel;

/// <summary>The entry list as <c>swap_pages</c> reads it from guest memory.</summary>
/// <param name="Pages">Each (destination, source) pair, in the order swap_pages would exchange them.</param>
/// <param name="IndirectionPages">The indirection pages visited, in order.</param>
/// <param name="Destinations">Every IND_DESTINATION address, in order.</param>
/// <param name="Terminated">Whether an IND_DONE word ended the walk (false: the word budget ran out first).</param>
/// <param name="WordsRead">Words examined, the head included.</param>
public sealed record KimageDecodeResult(
    IReadOnlyList<KimagePage> Pages,
    IReadOnlyList<ulong> IndirectionPages,
    IReadOnlyList<ulong> Destinations,
    bool Terminated,
    int WordsRead);
