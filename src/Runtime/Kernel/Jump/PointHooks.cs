using Iced.Intel;
using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>
/// The one-shot actions armed at <see cref="TransitionPoint"/>s for the next machine_kexec, and the sentinels that stop
/// the guest where they run.
/// </summary>
internal sealed class PointHooks
{
    private readonly Dictionary<TransitionPoint, Action<X86Cpu>> _armed = [];
    private readonly Dictionary<ulong, List<TransitionPoint>> _placed = [];

    /// <summary>True when at least one sentinel was placed for the current run.</summary>
    internal bool Placed => _placed.Count > 0;

    internal void Arm(TransitionPoint point, Action<X86Cpu> action) =>
        _armed[point] = _armed.TryGetValue(point, out var earlier) ? earlier + action : action;

    internal void Clear() => _armed.Clear();

    /// <summary>Puts a sentinel at the linear address of every armed point that has one in this run.</summary>
    internal void Place(X86Cpu cpu, Func<TransitionPoint, ulong?> linearOf)
    {
        _placed.Clear();
        foreach (var point in _armed.Keys)
        {
            if (linearOf(point) is not { } address)
            {
                continue;
            }

            if (!_placed.TryGetValue(address, out var points))
            {
                _placed[address] = points = [];
                cpu.AddSentinel(address);
            }

            points.Add(point);
        }
    }

    /// <summary>
    /// Whether <paramref name="rip"/> is a placed point; runs the actions still armed there (once: a later pass over the
    /// same address runs nothing).
    /// </summary>
    internal bool OnSentinel(X86Cpu cpu, ulong rip)
    {
        if (!_placed.TryGetValue(rip, out var points))
        {
            return false;
        }

        foreach (var point in points)
        {
            if (_armed.Remove(point, out var action))
            {
                action(cpu);
            }
        }

        return true;
    }

    /// <summary>Forgets the placed sentinels and the actions of this run; the caller restores the machine's sentinels.</summary>
    internal void Finish()
    {
        _placed.Clear();
        _armed.Clear();
    }

    /// <summary>
    /// Offset of the first direct near call in <paramref name="length"/> bytes of relocate code: the outbound call of
    /// swap_pages in every era's routine (identity_mapped calls it before anything else), or null when there is none.
    /// </summary>
    internal static int? FirstDirectCall(byte[] code, int length, int bitness)
    {
        var decoder = Decoder.Create(bitness, new ByteArrayCodeReader(code, 0, Math.Min(length, code.Length)));
        while (decoder.IP < (ulong)Math.Min(length, code.Length))
        {
            decoder.Decode(out var instruction);
            if (instruction.FlowControl == FlowControl.Call)
            {
                return (int)instruction.IP;
            }
        }

        return null;
    }
}
