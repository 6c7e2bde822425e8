namespace KjTest.Runtime.Tests.Kernel;

public class SparsePhysicalMemoryTests
{
    [Test]
    public void Unwritten_ram_reads_zero_and_unbacked_memory_reads_ones()
    {
        var memory = new SparsePhysicalMemory(0x2000);

        Assert.That(memory.ReadBytes(0x1FFE, 4), Is.EqualTo(new byte[] { 0, 0, 0xFF, 0xFF }));
    }

    [Test]
    public void Writes_cross_pages_and_writes_above_ram_are_dropped()
    {
        var memory = new SparsePhysicalMemory(0x2000);

        memory.Write(0x0FFF, new byte[] { 1, 2 });
        memory.Write(0x2000, new byte[] { 3 });

        Assert.Multiple(() =>
        {
            Assert.That(memory.ReadBytes(0x0FFF, 2), Is.EqualTo(new byte[] { 1, 2 }));
            Assert.That(memory.ReadBytes(0x2000, 1), Is.EqualTo(new byte[] { 0xFF }));
            Assert.That(memory.TouchedPages, Is.EqualTo(2));
        });
    }
}
