using KjTest.Abi;
using KjTest.Runtime.Kernel;
using static KjTest.Runtime.Tests.Kernel.KernelTestBed;

namespace KjTest.Runtime.Tests.Kernel;

/// <summary>Injected allocation failures of kexec_load: the ENOMEM rows of reference 2.3.</summary>
public class AllocationFailurePolicyTests
{
    private const ulong P = KexecFlags.PreserveContext;

    private static KexecSegment[] TwoPages => [Segment(0x2000000, 0x2000, 0x2000)];

    [TestCase(KernelAllocation.Kimage, 11)]
    [TestCase(KernelAllocation.Control, 20)]
    [TestCase(KernelAllocation.Swap, 21)]
    [TestCase(KernelAllocation.Indirection, 25)]
    [TestCase(KernelAllocation.Source, 25)]
    public void A_failing_allocation_returns_ENOMEM_at_its_row_and_keeps_the_previous_image(KernelAllocation kind, int row)
    {
        var bed = new KernelTestBed(Standard() with { CrashKernel = null });
        var previous = bed.Kernel.KexecLoad(0x1000000, [Segment(0x1000000, 0x1000)], P).Layout!;
        var freeBefore = bed.Allocator.FreePages;

        bed.Kernel.AllocationFailures.Arm(kind);
        var failed = bed.Kernel.KexecLoad(0x2000000, TwoPages, P);

        Assert.Multiple(() =>
        {
            Assert.That(failed.ReturnValue, Is.EqualTo(-Errno.ENOMEM));
            Assert.That(failed.Row, Is.EqualTo(row));
            Assert.That(bed.Kernel.NormalImage!.Start, Is.EqualTo(previous.Start));
            Assert.That(bed.Kernel.NormalImage.Head, Is.EqualTo(previous.Head));
            Assert.That(bed.Allocator.FreePages, Is.EqualTo(freeBefore));
            Assert.That(bed.Kernel.AllocationFailures.Armed, Is.False);
        });
    }

    [Test]
    public void After_counts_successful_allocations_of_that_kind_only()
    {
        var bed = new KernelTestBed(Standard() with { CrashKernel = null });

        bed.Kernel.AllocationFailures.Arm(KernelAllocation.Source, after: 1);
        var failed = bed.Kernel.KexecLoad(0x2000000, TwoPages, P);
        var retried = bed.Kernel.KexecLoad(0x2000000, TwoPages, P);

        Assert.Multiple(() =>
        {
            Assert.That(failed.ReturnValue, Is.EqualTo(-Errno.ENOMEM));
            Assert.That(bed.Kernel.NormalImage, Is.Not.Null.And.Property(nameof(KimageLayout.Start)).EqualTo(0x2000000UL));
            Assert.That(retried.ReturnValue, Is.Zero);
        });
    }

    [Test]
    public void An_armed_policy_on_another_kind_leaves_a_load_alone()
    {
        var bed = new KernelTestBed(Standard() with { CrashKernel = null });

        bed.Kernel.AllocationFailures.Arm(KernelAllocation.Source, after: 5);
        var result = bed.Kernel.KexecLoad(0x2000000, TwoPages, P);

        Assert.Multiple(() =>
        {
            Assert.That(result.ReturnValue, Is.Zero);
            Assert.That(bed.Kernel.AllocationFailures.Armed, Is.True);
        });
    }
}
