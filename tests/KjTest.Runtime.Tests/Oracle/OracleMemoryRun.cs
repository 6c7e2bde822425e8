namespace KjTest.Runtime.Tests.Oracle;

/// <summary>Contiguous guest bytes starting at <paramref name="Address"/>.</summary>
internal sealed record OracleMemoryRun(ulong Address, byte[] Bytes);
