using System.Globalization;
using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Kernel;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>A <c>kexec_load</c> of an image: its resolved segments, entry and flags, and the result it must return.</summary>
/// <param name="Span">The step.</param>
/// <param name="Image">The image's name.</param>
/// <param name="Segments">The segments, as kexec_load receives them.</param>
/// <param name="Entry">The entry point passed to kexec_load.</param>
/// <param name="Flags">The flags word, the architecture field included.</param>
/// <param name="Expect">The expected result.</param>
/// <param name="ExpectSpan">Where the expected result was written.</param>
public sealed record LoadPlan(SourceSpan Span, string Image, IReadOnlyList<KexecSegment> Segments, ulong Entry, ulong Flags, ExpectedResult Expect, SourceSpan ExpectSpan)
    : PlannedStep(Span)
{
    /// <inheritdoc />
    public override string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"load {Image} entry 0x{Entry:x} flags 0x{Flags:x}, expect {Expect}");
}
