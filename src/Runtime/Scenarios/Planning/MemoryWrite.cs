namespace KjTest.Runtime.Scenarios.Planning;

/// <summary>Bytes of A's RAM the scenario sets before anything runs.</summary>
/// <param name="Address">The physical address.</param>
/// <param name="Bytes">The bytes.</param>
public sealed record MemoryWrite(ulong Address, byte[] Bytes);
