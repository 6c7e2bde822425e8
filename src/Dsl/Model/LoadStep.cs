using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary><c>kexec_load(entry, nr_segments, segments, flags)</c> of an image, and the result expected.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Image">The image to load.</param>
/// <param name="Flags">Flag terms, OR-ed together (the architecture field included).</param>
/// <param name="Entry">An entry point overriding the image's, or null.</param>
/// <param name="Expect"><c>ok</c> or an errno name.</param>
public sealed record LoadStep(
    SourceSpan Span,
    Located<string> Image,
    IReadOnlyList<Located<FlagTerm>> Flags,
    Located<SymbolOrNumber>? Entry,
    Located<string> Expect) : Step(Span);
