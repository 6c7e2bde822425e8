using KjTest.Abi;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Guest;
using static KjTest.Runtime.Tests.Kernel.KernelTestBed;

namespace KjTest.Runtime.Tests.Kernel.Guest;

/// <summary>Decoding a guest's kexec_load arguments: reference 2.1 and 2.3 row 7 (B21).</summary>
public class GuestKexecSegmentSourceTests
{
    private const ulong Array = 0x200000;
    private const ulong Buffer = 0x300000;

    private static void WriteDescriptors(SparsePhysicalMemory memory, ulong at, int wordSize, params ulong[] fields)
    {
        for (var i = 0; i < fields.Length; i++)
        {
            var bytes = wordSize == 8 ? BitConverter.GetBytes(fields[i]) : BitConverter.GetBytes((uint)fields[i]);
            memory.Write(at + (ulong)(i * wordSize), bytes);
        }
    }

    [Test]
    public void Native64_descriptors_and_buffers_are_read_from_guest_memory()
    {
        var memory = new SparsePhysicalMemory(64 * Mib);
        memory.Write(Buffer, new byte[] { 1, 2, 3 });
        WriteDescriptors(memory, Array, 8, Buffer, 3, 0x1000000, 0x1000, 0, 0, 0x2000000, 0);

        var copy = new GuestKexecSegmentSource(memory, Array, KexecSegmentAbi.Native64).Copy(2);

        Assert.Multiple(() =>
        {
            Assert.That(copy.Faulted, Is.False);
            Assert.That(copy.Segments.Select(s => (s.Mem, s.MemSize, s.BufSize)), Is.EqualTo(new[] { (0x1000000UL, 0x1000UL, 3UL), (0x2000000UL, 0UL, 0UL) }));
            Assert.That(copy.Segments[0].Buffer, Is.EqualTo(new byte[] { 1, 2, 3 }));
        });
    }

    [Test]
    public void Compat32_descriptors_are_four_u32_words()
    {
        var memory = new SparsePhysicalMemory(64 * Mib);
        WriteDescriptors(memory, Array, 4, Buffer, 0x10, 0x1000000, 0x2000);
        var source = new GuestKexecSegmentSource(memory, Array, KexecSegmentAbi.Compat32);

        var copy = source.Copy(1);

        Assert.Multiple(() =>
        {
            Assert.That(source.IsCompat, Is.True);
            Assert.That(source.DescriptorSize, Is.EqualTo(16));
            Assert.That((copy.Segments[0].Mem, copy.Segments[0].MemSize, copy.Segments[0].BufSize), Is.EqualTo((0x1000000UL, 0x2000UL, 0x10UL)));
        });
    }

    [Test]
    public void Compat_descriptor_running_into_an_unreadable_page_gives_the_bytes_not_copied()
    {
        var memory = new SparsePhysicalMemory(64 * Mib);
        var source = new GuestKexecSegmentSource(memory, 0x200FF8, KexecSegmentAbi.Compat32, (start, _) => start < 0x201000);

        var copy = source.Copy(1);

        Assert.That(copy.Residue, Is.EqualTo(8UL));
    }

    [Test]
    public void Cur_compat_kexec_load_returns_the_positive_residue_B21()
    {
        var bed = new KernelTestBed(Standard());
        var source = new GuestKexecSegmentSource(bed.Memory, 0x200FF4, KexecSegmentAbi.Compat32, (start, _) => start < 0x201000);

        var result = bed.Kernel.KexecLoad(0, 1, source, KexecFlags.ArchX86_64);

        Assert.That((result.ReturnValue, result.Row), Is.EqualTo((4L, 7)));
    }

    [Test]
    public void Native_array_beyond_ram_is_efault()
    {
        var bed = new KernelTestBed(Standard());
        var source = new GuestKexecSegmentSource(bed.Memory, (64 * Mib) - 16, KexecSegmentAbi.Native64);

        var result = bed.Kernel.KexecLoad(0, 1, source, 0);

        Assert.That((result.Errno, result.Row), Is.EqualTo((Errno.EFAULT, 7)));
    }

    [Test]
    public void A_buffer_running_into_an_unreadable_page_faults_while_loading_after_the_readable_part()
    {
        var bed = new KernelTestBed(Standard());
        bed.Memory.Write(Buffer, Enumerable.Repeat((byte)0x77, 0x1000).ToArray());
        WriteDescriptors(bed.Memory, Array, 8, Buffer, 0x2000, 0x1000000, 0x2000);
        var source = new GuestKexecSegmentSource(bed.Memory, Array, KexecSegmentAbi.Native64, (start, _) => start < Buffer + 0x1000);

        var copy = source.Copy(1);
        var result = bed.Kernel.KexecLoad(0, 1, source, KexecFlags.PreserveContext);

        Assert.Multiple(() =>
        {
            Assert.That((copy.Segments[0].Buffer.Length, copy.Segments[0].BufSize), Is.EqualTo((0x1000, 0x2000UL)));
            Assert.That((result.Errno, result.Row), Is.EqualTo((Errno.EFAULT, 25)));
        });
    }

    [Test]
    public void A_guest_loaded_image_holds_the_guest_buffer()
    {
        var bed = new KernelTestBed(Standard(KernelEra.K27, KernelArch.I386));
        var payload = Enumerable.Range(0, 0x1800).Select(i => (byte)(i * 3)).ToArray();
        bed.Memory.Write(Buffer, payload);
        WriteDescriptors(bed.Memory, Array, 4, Buffer, 0x1800, 0x1000000, 0x2000);

        var result = bed.Kernel.KexecLoad(0x1000000, 1, new GuestKexecSegmentSource(bed.Memory, Array, KexecSegmentAbi.Native32), KexecFlags.PreserveContext | KexecFlags.Arch386);

        var image = result.Layout!.Pages.SelectMany(p => bed.Memory.ReadBytes(p.Source, 4096)).ToArray();
        Assert.That(image, Is.EqualTo(payload.Concat(new byte[0x800]).ToArray()));
    }
}
