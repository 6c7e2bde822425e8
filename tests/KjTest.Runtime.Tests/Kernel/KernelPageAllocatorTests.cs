using KjTest.Runtime.Kernel;

namespace KjTest.Runtime.Tests.Kernel;

public class KernelPageAllocatorTests
{
    private static KernelConfig Config => new()
    {
        Ram = [new PhysicalRange(0, 0x10000), new PhysicalRange(0x20800, 0x3000)],
        Reserved = [new PhysicalRange(0x1000, 0x800)],
        CrashKernel = new PhysicalRange(0x8000, 0x2000),
    };

    [Test]
    public void Free_ram_excludes_partial_reserved_crashkernel_and_occupied_pages_and_comes_top_down()
    {
        var allocator = KernelPageAllocator.FromConfig(Config, [0x3000]);

        Assert.That(allocator.FreePagesInOrder, Is.EqualTo(new ulong[]
        {
            0x22000, 0x21000, 0xF000, 0xE000, 0xD000, 0xC000, 0xB000, 0xA000, 0x7000, 0x6000, 0x5000, 0x4000, 0x2000, 0x0,
        }));
    }

    [Test]
    public void Total_ram_pages_leave_out_reserved_and_crashkernel_but_count_occupied_pages()
    {
        Assert.That(Config.TotalRamPages, Is.EqualTo(15UL));
    }

    [Test]
    public void Multi_page_blocks_are_naturally_aligned()
    {
        var allocator = new KernelPageAllocator([0x5000, 0x4000, 0x3000, 0x1000]);

        var block = allocator.Allocate(1);

        Assert.Multiple(() =>
        {
            Assert.That(block, Is.EqualTo(0x4000));
            Assert.That(allocator.Allocate(1), Is.Null);
            Assert.That(allocator.FreePagesInOrder, Is.EqualTo(new ulong[] { 0x3000, 0x1000 }));
        });
    }

    [Test]
    public void A_limit_skips_pages_above_it()
    {
        var allocator = new KernelPageAllocator([0x5000, 0x4000, 0x3000]);

        Assert.That(allocator.Allocate(0, 0x4000), Is.EqualTo(0x3000));
    }

    [Test]
    public void Freed_pages_go_back_to_their_place_in_the_order()
    {
        var allocator = new KernelPageAllocator([0x5000, 0x4000, 0x3000]);
        var first = allocator.Allocate(0)!.Value;
        allocator.Allocate(0);

        allocator.Free(first);

        Assert.That(allocator.Allocate(0), Is.EqualTo(0x5000));
    }

    [Test]
    public void Freeing_a_page_twice_is_a_programming_error()
    {
        var allocator = new KernelPageAllocator([0x5000]);

        Assert.Throws<InvalidOperationException>(() => allocator.Free(0x5000));
    }

    [Test]
    public void Claim_takes_a_specific_free_page()
    {
        var allocator = new KernelPageAllocator([0x5000, 0x4000]);

        Assert.Multiple(() =>
        {
            Assert.That(allocator.Claim(0x5000), Is.True);
            Assert.That(allocator.Claim(0x5000), Is.False);
            Assert.That(allocator.Allocate(0), Is.EqualTo(0x4000));
        });
    }

    [Test]
    public void A_seed_gives_the_same_shuffled_order_every_time_and_another_seed_another()
    {
        var pages = Enumerable.Range(0, 64).Select(i => (ulong)i * 0x1000).ToArray();

        var a = new KernelPageAllocator(pages, 42).FreePagesInOrder.ToArray();
        var b = new KernelPageAllocator(pages, 42).FreePagesInOrder.ToArray();
        var c = new KernelPageAllocator(pages, 43).FreePagesInOrder.ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a, Is.Not.EqualTo(c));
            Assert.That(a, Is.EquivalentTo(pages));
            Assert.That(a, Is.Not.EqualTo(pages.Reverse()));
        });
    }

    [Test]
    public void In_order_allocator_keeps_the_given_order()
    {
        var allocator = KernelPageAllocator.InOrder([0x2000, 0x9000, 0x1000]);

        Assert.That(allocator.FreePagesInOrder, Is.EqualTo(new ulong[] { 0x2000, 0x9000, 0x1000 }));
    }
}
