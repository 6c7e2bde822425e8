namespace KjTest.Dsl.Tests.Images;

/// <summary>One program header for <see cref="ElfBuilder"/>.</summary>
internal sealed record ElfBuilderSegment(uint Type, uint Flags, ulong Address, ulong PhysicalAddress, byte[] Data, ulong MemorySize);
