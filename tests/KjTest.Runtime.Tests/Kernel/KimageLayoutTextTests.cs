using KjTest.Abi;
using KjTest.Runtime.Kernel;
using static KjTest.Runtime.Tests.Kernel.KernelTestBed;

namespace KjTest.Runtime.Tests.Kernel;

public class KimageLayoutTextTests
{
    [Test]
    public void Render_lists_the_image_and_folds_runs_of_pages()
    {
        var bed = new KernelTestBed(Standard() with { CrashKernel = null });
        var layout = bed.Kernel.KexecLoad(0x1000000, [Segment(0x1000000, 0x3000, 0x10), Segment(0x2000000, 0x1000)], KexecFlags.PreserveContext).Layout!;

        var text = KimageLayoutText.Render(layout);

        Assert.That(text, Is.EqualTo(
            "normal image, entry 0x1000000, preserve_context 1, 8-byte entries\n"
            + "head 0x3ffd002\n"
            + "segment mem 0x1000000 memsz 0x3000 bufsz 0x10\n"
            + "segment mem 0x2000000 memsz 0x1000 bufsz 0x0\n"
            + "control 0x3fff000\n"
            + "swap 0x3ffe000\n"
            + "indirection 0x3ffd000\n"
            + "page 0x1000000 <- 0x3ffc000\n"
            + "page 0x1001000 <- 0x3ffb000\n"
            + "page 0x1002000 <- 0x3ffa000\n"
            + "page 0x2000000 <- 0x3ff9000\n"));
    }

    [Test]
    public void Render_folds_pages_loaded_in_place()
    {
        var bed = new KernelTestBed(Standard() with { CrashKernel = null });
        var layout = bed.Kernel.KexecLoad(0, [Segment((64 * Mib) - 0x4000, 0x4000)], 0).Layout!;

        Assert.That(KimageLayoutText.Render(layout), Does.Contain("pages 0x3ffc000..+4 <- 0x3ffc000..+4 (in place)\n"));
    }
}
