using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>The console output so far (all console devices, or one) equals or contains a text.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Text">The text.</param>
/// <param name="Device">A console device name, or null for all console output interleaved.</param>
/// <param name="Match">Exact or contains.</param>
public sealed record ConsoleExpectation(SourceSpan Span, Located<string> Text, Located<string>? Device, Located<ConsoleMatch> Match) : Expectation(Span);
