using KjTest.Runtime.Kernel;

namespace KjTest.Runtime.Scenarios;

/// <summary>One step of a scenario as <c>kjtest explain</c> shows it, without running any guest code.</summary>
/// <param name="Text">What the step does, e.g. <c>load b flags 0x2, expect ok</c>.</param>
/// <param name="Layout">For a load that succeeds: the kimage it builds in guest RAM.</param>
/// <param name="Result">For a load or unload: what kexec_load returns.</param>
/// <param name="Segments">For a load: the segments resolved from the image (mem, memsz, bytes).</param>
public sealed record PlanStep(string Text, KimageLayout? Layout, string? Result, IReadOnlyList<KexecSegment> Segments);
