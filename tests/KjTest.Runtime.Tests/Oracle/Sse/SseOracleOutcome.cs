namespace KjTest.Runtime.Tests.Oracle.Sse;

/// <summary>The state after one instruction, or at its #XM: XMM0, MXCSR, the arithmetic flags, RAX.</summary>
internal sealed record SseOracleOutcome(UInt128 Xmm0, uint Mxcsr, ulong Flags, ulong Rax, bool Fault)
{
    public override string ToString() => $"{Xmm0:x32} {Mxcsr:x} {Flags:x} {Rax:x} {(Fault ? 1 : 0)}";
}
