using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>
/// A parameter value as written: a scalar's text or a list. Its type is decided by the parameter's
/// declaration in the vocabulary, not by the front end, so both syntaxes give the same model.
/// </summary>
/// <param name="Span">Where it was written.</param>
public abstract record ParameterValue(SourceSpan Span);
