
namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>The result a load, unload or jump must return: 0 or a positive errno (returned negated by the call).</summary>
/// <param name="Errno">0 for <c>ok</c>, else the errno number.</param>
public readonly record struct ExpectedResult(int Errno)
{
    /// <summary>The word the scenario writes: <c>ok</c> or the errno name.</summary>
    public override string ToString() => Errno == 0 ? "ok" : Abi.Errno.NameOf(Errno);
}
