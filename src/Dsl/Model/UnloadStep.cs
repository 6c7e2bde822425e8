using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary><c>kexec_load</c> with zero segments: unloads the normal image, or the crash image.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Crash">True to unload the crash image (ON_CRASH).</param>
/// <param name="Expect"><c>ok</c> or an errno name.</param>
public sealed record UnloadStep(SourceSpan Span, Located<bool> Crash, Located<string> Expect) : Step(Span);
