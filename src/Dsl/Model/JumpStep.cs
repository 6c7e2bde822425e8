using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>
/// <c>reboot(LINUX_REBOOT_CMD_KEXEC)</c> and the outcome expected: <c>ok</c> (returned 0), an errno
/// name, <c>triple_fault</c>, <c>timeout</c> or <c>crash</c> (see <see cref="Vocabulary.JumpOutcomes"/>).
/// </summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Expect">The expected outcome.</param>
public sealed record JumpStep(SourceSpan Span, Located<string> Expect) : Step(Span);
