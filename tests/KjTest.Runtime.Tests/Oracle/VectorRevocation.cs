namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// Stored vectors proven wrong (the oracle disagrees with silicon). The KjTest CPU must
/// disagree with every vector a revocation matches; one that starts matching means the
/// revocation (or the CPU) is wrong and fails the vector test.
/// </summary>
/// <param name="Reason">Why the vectors are wrong and how that was established.</param>
/// <param name="Matches">Selects the revoked vectors.</param>
internal sealed record VectorRevocation(string Reason, Func<OracleVector, bool> Matches)
{
    /// <summary>Every revocation.</summary>
    public static IReadOnlyList<VectorRevocation> All { get; } =
    [
        new(
            "RET imm16 with imm16 >= 0x8000: Unicorn 2.0.1 sign-extends the immediate; the SDM adds it as an unsigned byte count "
            + "and an x86-64 host executing 'ret $0xff01' moves RSP up by 0xff01 + 8",
            v => v.Form is "Retnq_imm16" or "Retnd_imm16" or "Retnw_imm16" && BitConverter.ToUInt16(v.Bytes, v.Bytes.Length - 2) >= 0x8000),
    ];
}
