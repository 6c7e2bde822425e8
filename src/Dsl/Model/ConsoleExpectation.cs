using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>The console output so far (all console devices, or one) equals or contains a text, or bytes written in hex.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Text">The text (its UTF-8 bytes are expected), or with <paramref name="Hex"/> the hex as written.</param>
/// <param name="Device">A console device name, or null for all console output interleaved.</param>
/// <param name="Match">Exact or contains.</param>
/// <param name="Hex">The expected bytes as hex text (<c>de ad be ef</c>), or null for a text expectation.</param>
public sealed record ConsoleExpectation(SourceSpan Span, Located<string> Text, Located<string>? Device, Located<ConsoleMatch> Match, EmbeddedText? Hex = null) : Expectation(Span);
