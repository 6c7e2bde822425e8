using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Checks;

/// <summary>Guest memory at an address holds these bytes.</summary>
/// <param name="Span">The expectation.</param>
/// <param name="Address">The physical address.</param>
/// <param name="Bytes">The bytes expected.</param>
public sealed record MemoryBytesCheck(SourceSpan Span, ulong Address, byte[] Bytes) : PlannedCheck(Span)
{
    /// <inheritdoc />
    public override string Describe() => "memory";

    /// <inheritdoc />
    internal override void Evaluate(IExpectContext context)
    {
        var actual = new byte[Bytes.Length];
        context.Memory.Read(Address, actual);
        if (actual.AsSpan().SequenceEqual(Bytes))
        {
            return;
        }

        var at = 0;
        while (actual[at] == Bytes[at])
        {
            at++;
        }

        context.Fail(RuntimeCatalogue.Message(RuntimeCatalogue.MemoryDiffers, Span, Address + (ulong)at, Convert.ToHexString(actual.AsSpan(at, Math.Min(16, actual.Length - at))), Convert.ToHexString(Bytes.AsSpan(at, Math.Min(16, Bytes.Length - at)))));
    }
}
