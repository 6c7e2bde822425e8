using KjTest.Runtime.Kernel.Jump;

namespace KjTest.Runtime.Scenarios;

/// <summary>
/// The CPU's system state where a jump crashed instead of returning to A, compared with A's state right before
/// reboot(KEXEC): what was still (or no longer) set up when the machine died, e.g. the empty GDT of bug B1.
/// </summary>
/// <param name="Kind">How the jump ended: <see cref="JumpEndKind.TripleFault"/> or <see cref="JumpEndKind.Exception"/>.</param>
/// <param name="Fields">
/// The descriptor tables, segment selectors, control registers and EFER that differ, in a fixed order;
/// <see cref="GapField.Before"/> is A's value before the jump, <see cref="GapField.After"/> the value at the crash.
/// </param>
public sealed record CrashState(JumpEndKind Kind, IReadOnlyList<GapField> Fields)
{
    private Lazy<IReadOnlyList<string>>? _lastInstructions;

    /// <summary>
    /// The last instructions before the crash as trace lines (<c>kjtest trace</c>'s format), oldest first, the last one
    /// the instruction that faulted or stopped; traced on first use by running the scenario again. Empty when unknown.
    /// </summary>
    public IReadOnlyList<string> LastInstructions => _lastInstructions?.Value ?? [];

    internal void TraceWith(Func<IReadOnlyList<string>> trace) => _lastInstructions = new Lazy<IReadOnlyList<string>>(trace);

    /// <summary>The differing field named <paramref name="name"/> (a vocabulary register name), or null when it is as A left it.</summary>
    public GapField? Field(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Fields.FirstOrDefault(f => f.Name.Equals(name, StringComparison.OrdinalIgnoreCase));
    }
}
