using System.Security.Cryptography;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios.Checks;

/// <summary>The SHA-256 of a range of guest memory.</summary>
/// <param name="Span">The expectation.</param>
/// <param name="Address">The physical address.</param>
/// <param name="Size">The length hashed.</param>
/// <param name="Sha256">The digest expected, lower-case hex.</param>
public sealed record MemoryHashCheck(SourceSpan Span, ulong Address, ulong Size, string Sha256) : PlannedCheck(Span)
{
    /// <inheritdoc />
    public override string Describe() => "memory";

    /// <inheritdoc />
    internal override void Evaluate(IExpectContext context)
    {
        var bytes = new byte[Size];
        context.Memory.Read(Address, bytes);
        var actual = Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
        if (!string.Equals(actual, Sha256, StringComparison.Ordinal))
        {
            context.Fail(RuntimeCatalogue.Message(RuntimeCatalogue.HashDiffers, Span, Size, Address, actual, Sha256));
        }
    }
}
