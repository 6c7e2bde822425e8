namespace KjTest.Runtime.Kernel.Jump;

/// <summary>The end of the guest part of one <c>machine_kexec()</c>.</summary>
/// <param name="Kind">How it ended.</param>
/// <param name="Message">What happened, for the report.</param>
/// <param name="Rip">RIP when it ended.</param>
/// <param name="Vector">The exception vector, for <see cref="JumpEndKind.Exception"/>.</param>
/// <param name="ExitCode">The guest's exit status, for <see cref="JumpEndKind.Exit"/>.</param>
public sealed record JumpEnd(JumpEndKind Kind, string Message, ulong Rip, int? Vector = null, int? ExitCode = null);
