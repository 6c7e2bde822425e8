
namespace KjTest.Runtime.Kernel;

/// <summary>What a <c>kexec_load</c> call returned and which row of reference 2.3 decided it.</summary>
/// <param name="ReturnValue">The system call's return: 0, a negative errno, or (compat quirk B21) a positive residue.</param>
/// <param name="Row">The deciding row of reference 2.3: the failing check, 9 for an unload, 26 for a completed load.</param>
/// <param name="Layout">The installed image's layout after a completed load, otherwise null.</param>
public sealed record KexecLoadResult(long ReturnValue, int Row, KimageLayout? Layout)
{
    /// <summary>The positive errno, or 0 when the call did not fail with an errno.</summary>
    public int Errno => ReturnValue < 0 ? (int)-ReturnValue : 0;

    /// <inheritdoc />
    public override string ToString() => $"{Abi.Errno.DescribeReturn(ReturnValue)} (reference 2.3 row {Row})";
}
