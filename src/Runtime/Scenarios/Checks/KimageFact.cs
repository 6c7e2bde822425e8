using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Checks;

/// <summary>One stated kimage fact: the property, its expected value (booleans as 0 and 1) and the text written.</summary>
/// <param name="Span">The parameter.</param>
/// <param name="Name">The parameter's name as written.</param>
/// <param name="Property">The property.</param>
/// <param name="Value">The value expected.</param>
/// <param name="Written">The value as written.</param>
public sealed record KimageFact(SourceSpan Span, string Name, KimageProperty Property, ulong Value, string Written);
