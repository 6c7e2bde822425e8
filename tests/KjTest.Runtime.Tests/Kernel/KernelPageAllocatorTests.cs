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

    [Test]
    public void The_run_order_of_a_configuration_equals_the_order_of_its_pages_listed_one_by_one()
    {
        // The configuration's order is kept as runs; it must hand out exactly what a list of every page would.
        var random = new Random(11);
        for (var trial = 0; trial < 200; trial++)
        {
            var ram = Enumerable.Range(0, random.Next(1, 4)).Select(_ => new PhysicalRange((ulong)random.Next(0, 64) * 0x1000 + (ulong)random.Next(0, 2) * 0x800, (ulong)random.Next(1, 40) * 0x1000)).ToList();
            var reserved = Enumerable.Range(0, random.Next(0, 3)).Select(_ => new PhysicalRange((ulong)random.Next(0, 100) * 0x800, (ulong)random.Next(1, 12) * 0x800)).ToList();
            var config = new KernelConfig { Ram = ram, Reserved = reserved };
            var occupied = Enumerable.Range(0, random.Next(0, 8)).Select(_ => (ulong)random.Next(0, 110) * 0x1000).ToList();
            var listed = ram.SelectMany(r => Enumerable.Range(0, 200).Select(k => (ulong)k * 0x1000).Where(p => p >= r.Start && p + 0x1000 <= r.End))
                .Where(p => !config.IsReserved(p) && !occupied.Contains(p)).Distinct().ToList();

            var runs = KernelPageAllocator.FromConfig(config, occupied);
            var list = new KernelPageAllocator(listed);
            Assert.That(runs.FreePagesInOrder, Is.EqualTo(list.FreePagesInOrder), $"trial {trial}");
            Assert.That(runs.TotalPages, Is.EqualTo(list.TotalPages));
            for (var step = 0; step < 20; step++)
            {
                var order = random.Next(0, 3);
                var a = runs.Allocate(order);
                var b = list.Allocate(order);
                Assert.That(a, Is.EqualTo(b), $"trial {trial}, step {step}");
                if (a is { } block && random.Next(3) == 0)
                {
                    runs.Free(block, order);
                    list.Free(block, order);
                }
            }

            Assert.That(runs.FreePagesInOrder, Is.EqualTo(list.FreePagesInOrder));
        }
    }

    [Test]
    public void A_terabyte_of_ram_is_managed_without_an_entry_per_page()
    {
        var config = new KernelConfig { Ram = [new PhysicalRange(0, 1UL << 40)], Reserved = [new PhysicalRange(0, 0x100000)] };
        var before = GC.GetAllocatedBytesForCurrentThread();
        var allocator = KernelPageAllocator.FromConfig(config, [0x200000]);
        var first = allocator.Allocate(0);
        var block = allocator.Allocate(9, limit: 1UL << 32);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocator.TotalPages, Is.EqualTo((1L << 28) - 256 - 1));
        Assert.That(first, Is.EqualTo((1UL << 40) - 0x1000));
        Assert.That(block, Is.EqualTo((1UL << 32) - 0x20_0000));
        Assert.That(allocated, Is.LessThan(1L << 20), "bytes allocated for 2^28 pages");
    }
}
