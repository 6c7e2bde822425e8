using KjTest.Runtime.Kernel.Relocate;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>What a machine_kexec put in guest memory before running it, for tracers: the routine and where the points lie.</summary>
/// <param name="Layout">The image being jumped to.</param>
/// <param name="CodePage">Physical address of the page the relocate routine runs from.</param>
/// <param name="Routine">The routine there, with its labels (none for a user's routine).</param>
/// <param name="PointAddress">The linear address of a transition point in this jump, or null where it has none.</param>
public sealed record PlacedCode(KimageLayout Layout, ulong CodePage, RelocateRoutine Routine, Func<TransitionPoint, ulong?> PointAddress);
