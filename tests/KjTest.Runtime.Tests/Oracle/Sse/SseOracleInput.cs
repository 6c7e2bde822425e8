namespace KjTest.Runtime.Tests.Oracle.Sse;

/// <summary>What one oracle operation reads besides XMM0: float lanes in XMM1, int32 lanes in XMM1, or RAX.</summary>
internal enum SseOracleInput
{
    Single,
    Double,
    Int32Lanes,
    Gpr,
}
