using KjTest.Abi;

namespace KjTest.Runtime.Kernel.Pm;

/// <summary>One call made by <c>kernel_kexec()</c>, in order: a kernel function or a device callback.</summary>
/// <param name="Name">The Linux name of the function or callback (e.g. "freeze_processes", "->freeze").</param>
/// <param name="Device">The device index for a callback, otherwise null.</param>
/// <param name="Result">What it returned (0 or a positive errno; 0 for calls that cannot fail).</param>
public readonly record struct PmCall(string Name, int? Device, int Result)
{
    /// <inheritdoc />
    public override string ToString() =>
        (Device is { } d ? $"{Name}({d})" : Name) + (Result != 0 ? " = -" + Errno.NameOf(Result) : string.Empty);
}
