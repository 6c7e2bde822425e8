namespace KjTest.Runtime.Tests.Oracle.Sse;

/// <summary>The state before one instruction: MXCSR, XMM0, XMM1 and RAX (RFLAGS is 2).</summary>
internal sealed record SseOracleCase(SseOracleOp Op, uint Mxcsr, UInt128 Xmm0, UInt128 Xmm1, ulong Rax);
