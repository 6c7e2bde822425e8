using KjTest.Dsl.Tests.Images;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Loading;

namespace KjTest.Runtime.Tests.Machine.Loading;

public class GuestImageTests
{
    private const ulong Address = 0x40_0000;

    private static X86Machine Machine(ulong memory) => new MachineBuilder().WithMemory(memory).Build();

    private static GuestImage ElfWithBss(ulong memorySize) =>
        ElfImageReader.TryRead(new ElfBuilder { Entry = Address }.Add(1, 5, Address, [0xf4], memorySize).Build(), out var error)
        ?? throw new AssertionException(error ?? "no image");

    [Test]
    public void A_bss_of_two_GiB_or_more_loads_without_overflow_and_allocates_no_pages_for_its_zeros()
    {
        var image = ElfWithBss(0x8000_1000);
        var machine = Machine(4UL << 30);

        image.LoadInto(machine);

        Assert.That(machine.Memory.ReadByte(Address), Is.EqualTo(0xf4));
        Assert.That(machine.Memory.DirtyPages, Has.Count.EqualTo(1), "only the page holding the file bytes");
    }

    [Test]
    public void A_segment_past_the_end_of_ram_or_of_the_address_space_is_a_misfit_and_still_loads_without_throwing()
    {
        var bss = ElfWithBss(0x8000_1000);
        var wrapping = new GuestImage(64, 0, [new LoadSegment(0xffff_ffff_ffff_f000, [1, 2], 0x2000)]);
        var machine = Machine(64UL << 20);

        Assert.Multiple(() =>
        {
            Assert.That(bss.MisfitIn(64UL << 20), Is.EqualTo("segment 0 at 0x400000 of 0x80001000 bytes does not fit the machine's memory of 0x4000000 bytes"));
            Assert.That(wrapping.MisfitIn(64UL << 20), Is.EqualTo("segment 0 at 0xfffffffffffff000 of 0x2000 bytes does not fit the machine's memory of 0x4000000 bytes"));
            Assert.That(ElfWithBss(0x1000).MisfitIn(64UL << 20), Is.Null);
            Assert.That(() => bss.LoadInto(machine), Throws.Nothing);
            Assert.That(() => wrapping.LoadInto(machine), Throws.Nothing);
        });
    }

    [Test]
    public void The_bss_of_a_later_segment_zeroes_what_an_earlier_segment_wrote_there()
    {
        var image = new GuestImage(64, Address, [new LoadSegment(Address, [1, 2, 3, 4, 5, 6, 7, 8], 8), new LoadSegment(Address + 2, [9], 4)]);
        var machine = Machine(64UL << 20);

        image.LoadInto(machine);

        var bytes = new byte[8];
        machine.Memory.Read(Address, bytes);
        Assert.That(bytes, Is.EqualTo(new byte[] { 1, 2, 9, 0, 0, 0, 7, 8 }));
    }
}
