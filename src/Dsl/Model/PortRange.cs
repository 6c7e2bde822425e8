using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>A range of I/O ports.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="First">First port.</param>
/// <param name="Count">Number of ports.</param>
public sealed record PortRange(SourceSpan Span, Located<ulong> First, Located<ulong> Count);
