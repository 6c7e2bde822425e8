using System.Runtime.CompilerServices;
using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Tests.Machine.Cpu;

public sealed class DecodeCacheTests
{
    [Test]
    public void A_decoded_instruction_slot_fills_exactly_one_cache_line() =>
        Assert.That(Unsafe.SizeOf<DecodedInstruction>(), Is.EqualTo(64));
}
