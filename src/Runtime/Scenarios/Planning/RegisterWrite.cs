using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>A register of A's state the scenario sets.</summary>
/// <param name="Register">The vocabulary name, lower case.</param>
/// <param name="Value">The value.</param>
/// <param name="Span">Where it was written.</param>
public sealed record RegisterWrite(string Register, UInt128 Value, SourceSpan Span);
