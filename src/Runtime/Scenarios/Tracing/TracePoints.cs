using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Scenarios.Faults;

namespace KjTest.Runtime.Scenarios.Tracing;

/// <summary>The transition points that can bound a trace: those of <see cref="FaultPoints"/> that lie in guest code.</summary>
public static class TracePoints
{
    /// <summary>Their names, in transition order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        [.. FaultPoints.Names.Where(n => FaultPoints.Parse(n) is { } p && FaultPoints.GuestPoint(p) is not null)];

    /// <summary>The guest point named <paramref name="name"/>, or null (an unknown name, or a point of kernel_kexec's C code).</summary>
    public static TransitionPoint? Parse(string name) => FaultPoints.Parse(name) is { } point ? FaultPoints.GuestPoint(point) : null;

    /// <summary>Whether <paramref name="name"/> is a point of kernel_kexec's C code, where no guest instruction runs.</summary>
    public static bool IsCodePoint(string name) => FaultPoints.Parse(name) is { } point && FaultPoints.GuestPoint(point) is null;

    /// <summary>The name of <paramref name="point"/>.</summary>
    public static string NameOf(TransitionPoint point) => Names.First(n => Parse(n) == point);
}
