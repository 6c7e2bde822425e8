using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>A leaf value with the span it was written at, so checks can point at the value itself.</summary>
/// <typeparam name="T">The value type.</typeparam>
/// <param name="Value">The value.</param>
/// <param name="Span">Where it was written.</param>
public readonly record struct Located<T>(T Value, SourceSpan Span)
{
    /// <inheritdoc />
    public override string ToString() => Value?.ToString() ?? "";
}
