using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>The file bytes of one PT_LOAD program header of an ELF file.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Path">The ELF file, relative to the scenario file's folder.</param>
/// <param name="Index">Which PT_LOAD header, counting from 0 among PT_LOAD headers.</param>
public sealed record ElfSegmentContent(SourceSpan Span, Located<string> Path, Located<ulong> Index) : Content(Span);
