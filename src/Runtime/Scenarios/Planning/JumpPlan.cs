using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Planning;

/// <summary><c>reboot(LINUX_REBOOT_CMD_KEXEC)</c>: kernel_kexec of the normal image, and how it must end.</summary>
/// <param name="Span">The step.</param>
/// <param name="Ending">How it must end.</param>
/// <param name="Expect">For <see cref="JumpEnding.Returns"/>: the result reboot must return.</param>
/// <param name="ExpectSpan">Where the expectation was written.</param>
public sealed record JumpPlan(SourceSpan Span, JumpEnding Ending, ExpectedResult Expect, SourceSpan ExpectSpan) : PlannedStep(Span)
{
    /// <summary>Whether the jump is expected to end the machine, so that no step can follow it.</summary>
    public bool EndsMachine => Ending != JumpEnding.Returns;

    /// <inheritdoc />
    public override string Describe() => "jump: reboot(LINUX_REBOOT_CMD_KEXEC), expect " + ExpectedText;

    /// <summary>The expectation as the scenario words it.</summary>
    public string ExpectedText => Ending switch
    {
        JumpEnding.Returns => Expect.ToString(),
        JumpEnding.TripleFault => "triple_fault",
        JumpEnding.Crash => "crash",
        _ => "timeout",
    };
}
