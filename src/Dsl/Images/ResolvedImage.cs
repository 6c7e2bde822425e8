namespace KjTest.Dsl.Images;

/// <summary>An image with its entry point and segments decided: what <c>kexec_load</c> receives.</summary>
/// <param name="Name">The image's name in the scenario.</param>
/// <param name="Entry">The entry point: as written (a label resolved), else ELF <c>e_entry</c>, else the first segment's address.</param>
/// <param name="Segments">The segments in order; a whole ELF file gives one per PT_LOAD header.</param>
/// <param name="Labels">Every label of the image's assembly segments (the first definition wins across segments).</param>
public sealed record ResolvedImage(string Name, ulong Entry, IReadOnlyList<ResolvedSegment> Segments, IReadOnlyDictionary<string, ulong> Labels);
