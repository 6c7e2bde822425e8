namespace KjTest.Runtime.Scenarios;

/// <summary>One field of A's state that did not come back as A left it.</summary>
/// <param name="Name">The field, e.g. <c>gdtr.base</c> or <c>uart0.ier</c>.</param>
/// <param name="Before">Its value right before reboot(KEXEC).</param>
/// <param name="After">Its value after reboot returned (for a <see cref="CrashState"/>: at the crash).</param>
public sealed record GapField(string Name, string Before, string After);
