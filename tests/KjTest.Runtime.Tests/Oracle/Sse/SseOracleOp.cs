namespace KjTest.Runtime.Tests.Oracle.Sse;

/// <summary>One instruction form the oracle runs: <c>OP xmm0, xmm1</c> (or with RAX/EAX), its bytes, and what its lanes hold.</summary>
internal sealed record SseOracleOp(string Name, string Family, byte[] Bytes, SseOracleInput Source, bool DoubleDestination);
