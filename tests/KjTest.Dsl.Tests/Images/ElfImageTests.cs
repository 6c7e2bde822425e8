using System.Buffers.Binary;
using KjTest.Abi.Elf;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Images;

namespace KjTest.Dsl.Tests.Images;

public class ElfImageTests
{
    private const uint Load = 1;
    private const uint Note = 4;
    private static readonly SourceSpan PathSpan = new("s.yaml", 20, 9, 3, 11, 3, 20);
    private static readonly byte[] Routine = [0x66, 0xba, 0xf8, 0x03, 0xb0, 0x42, 0xee, 0xc3];

    private static string DataDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "Images", "Data");

    private static ElfBuilder TwoSegments(bool is64) =>
        new ElfBuilder { Is64 = is64, Machine = is64 ? (ushort)62 : (ushort)3, Entry = 0x100000 }
            .Add(Load, 5, 0xffffffff80100000, Routine, physicalAddress: 0x100000)
            .Add(Note, 4, 0, [1, 2, 3, 4])
            .Add(Load, 6, 0x101000, [9, 8, 7], memorySize: 0x40);

    private static ElfReadResult Parse(byte[] bytes) => ElfImage.Parse(bytes, "kernel.elf", PathSpan);

    private static string ErrorId(byte[] bytes)
    {
        var result = Parse(bytes);
        Assert.That(result.Segments, Is.Empty);
        Assert.That(result.Succeeded, Is.False);
        return result.Diagnostics.Single().Id;
    }

    [Test]
    public void Elf64_load_headers_become_segments_with_addresses_data_and_permissions()
    {
        var result = Parse(TwoSegments(is64: true).Build());

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That((result.Class, result.Machine, result.Entry), Is.EqualTo((ElfClass.Elf64, (ushort)62, 0x100000UL)));
        Assert.That(result.Segments, Has.Count.EqualTo(2));
        var text = result.Segments[0];
        Assert.That((text.HeaderIndex, text.PhysicalAddress, text.VirtualAddress, text.MemorySize), Is.EqualTo((0, 0x100000UL, 0xffffffff80100000UL, 8UL)));
        Assert.That(text.Data, Is.EqualTo(Routine));
        Assert.That(text.Permissions, Is.EqualTo(ElfSegmentPermissions.Read | ElfSegmentPermissions.Execute));
        var data = result.Segments[1];
        Assert.That((data.HeaderIndex, data.PhysicalAddress, data.MemorySize), Is.EqualTo((2, 0x101000UL, 0x40UL)));
        Assert.That(data.Data, Is.EqualTo(new byte[] { 9, 8, 7 }));
        Assert.That(data.Permissions, Is.EqualTo(ElfSegmentPermissions.Read | ElfSegmentPermissions.Write));
    }

    [Test]
    public void Elf32_load_headers_become_segments()
    {
        var result = Parse(TwoSegments(is64: false).Build());

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That((result.Class, result.Machine, result.Entry), Is.EqualTo((ElfClass.Elf32, (ushort)3, 0x100000UL)));
        Assert.That(result.Segments.Select(s => (s.PhysicalAddress, s.VirtualAddress, s.MemorySize)), Is.EqualTo(new[] { (0x100000UL, 0x80100000UL, 8UL), (0x101000UL, 0x101000UL, 0x40UL) }));
        Assert.That(result.Segments[0].Data, Is.EqualTo(Routine));
    }

    [Test]
    public void Position_independent_executable_is_taken_at_its_header_addresses()
    {
        var bytes = new ElfBuilder { Type = 3, Entry = 0x40 }.Add(Load, 5, 0, Routine).Build();

        var result = Parse(bytes);

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Segments.Single().PhysicalAddress, Is.Zero);
    }

    [TestCase("jump64.elf", ElfClass.Elf64, (ushort)62, 0x100000UL)]
    [TestCase("jump32.elf", ElfClass.Elf32, (ushort)3, 0x200000UL)]
    public void Linker_built_executables_are_read(string file, ElfClass elfClass, ushort machine, ulong entry)
    {
        var result = ElfImage.Read(file, DataDirectory, PathSpan);

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That((result.Class, result.Machine, result.Entry), Is.EqualTo((elfClass, machine, entry)));
        Assert.That(result.Segments, Has.Count.EqualTo(3));
        var text = result.Segments.Single(s => s.PhysicalAddress == entry);
        Assert.That(text.Data, Is.EqualTo(Routine));
        var bss = result.Segments[2];
        Assert.That((bss.Data.Length, bss.MemorySize), Is.EqualTo((5, 0x48UL)));
        Assert.That(bss.Data, Is.EqualTo("kexec"u8.ToArray()));
    }

    [Test]
    public void One_load_segment_is_taken_by_its_index_among_load_headers()
    {
        var result = ElfImage.ReadSegment("jump64.elf", DataDirectory, PathSpan, 1);

        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.Segment!.Data, Is.EqualTo(Routine));
        Assert.That(result.Entry, Is.EqualTo(0x100000UL));
    }

    [TestCase(3)]
    [TestCase(-1)]
    public void Load_segment_index_out_of_range_is_reported(int index)
    {
        var result = ElfImage.ReadSegment("jump64.elf", DataDirectory, PathSpan, index);

        Assert.That(result.Segment, Is.Null);
        Assert.That(result.Diagnostics.Single().Id, Is.EqualTo("KJ1448"));
        Assert.That(result.Diagnostics.Single().Message, Is.EqualTo($"jump64.elf has 3 PT_LOAD segment(s); index {index} does not exist"));
    }

    [Test]
    public void Missing_file_is_reported_with_a_hint()
    {
        var result = ElfImage.Read("jump46.elf", DataDirectory, PathSpan);

        Assert.That(result.Diagnostics.Single().Id, Is.EqualTo("KJ1430"));
        Assert.That(result.Diagnostics.Single().Hint, Is.EqualTo("did you mean `jump64.elf`?"));
        Assert.That(ElfImage.ReadSegment("nothing.elf", DataDirectory, PathSpan, 0).Diagnostics.Single().Id, Is.EqualTo("KJ1430"));
    }

    [Test]
    public void Non_elf_contents_are_reported()
    {
        Assert.That(ErrorId([]), Is.EqualTo("KJ1440"));
        Assert.That(ErrorId("MZ\x90\0 not an elf file"u8.ToArray()), Is.EqualTo("KJ1440"));
        Assert.That(ElfImage.Read("jump64.bin", DataDirectory, PathSpan).Diagnostics.Single().Id, Is.EqualTo("KJ1440"));
    }

    [Test]
    public void Truncated_headers_are_reported()
    {
        var bytes = TwoSegments(is64: true).Build();

        Assert.That(ErrorId(bytes[..10]), Is.EqualTo("KJ1441"));
        Assert.That(ErrorId(bytes[..40]), Is.EqualTo("KJ1441"));
        Assert.That(ErrorId(bytes[..100]), Is.EqualTo("KJ1441"));
    }

    [Test]
    public void Wrong_class_byte_order_and_version_are_reported()
    {
        var bytes = TwoSegments(is64: true).Build();

        bytes[4] = 3;
        Assert.That(ErrorId(bytes), Is.EqualTo("KJ1442"));
        bytes[4] = 2;
        bytes[5] = 2;
        Assert.That(Parse(bytes).Diagnostics.Single().Message, Does.Contain("big-endian"));
        bytes[5] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), 2);
        Assert.That(ErrorId(bytes), Is.EqualTo("KJ1442"));
    }

    [Test]
    public void Machine_other_than_x86_is_reported()
    {
        var bytes = new ElfBuilder { Machine = 40 }.Add(Load, 5, 0x1000, Routine).Build();

        Assert.That(ErrorId(bytes), Is.EqualTo("KJ1443"));
        Assert.That(Parse(bytes).Diagnostics.Single().Message, Is.EqualTo("kernel.elf: machine 40 is not x86 (3) or x86-64 (62)"));
    }

    [TestCase((ushort)1)]
    [TestCase((ushort)4)]
    public void Relocatable_and_core_files_are_not_loadable(ushort type)
    {
        Assert.That(ErrorId(new ElfBuilder { Type = type }.Add(Load, 5, 0x1000, Routine).Build()), Is.EqualTo("KJ1444"));
    }

    [Test]
    public void Segment_reaching_past_the_end_of_the_file_is_reported()
    {
        var builder = TwoSegments(is64: true);
        var bytes = builder.Build();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(builder.ProgramHeaderOffset(2) + 32), 0x10000);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(builder.ProgramHeaderOffset(2) + 40), 0x10000);

        Assert.That(ErrorId(bytes), Is.EqualTo("KJ1445"));
        Assert.That(Parse(bytes).Diagnostics.Single().Message, Is.EqualTo($"kernel.elf: program header 2 covers file bytes 0x110..0x10110 but the file has {bytes.Length} bytes"));
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(builder.ProgramHeaderOffset(2) + 8), ulong.MaxValue);
        Assert.That(ErrorId(bytes), Is.EqualTo("KJ1445"));
    }

    [Test]
    public void Memory_size_below_file_size_is_reported()
    {
        var bytes = new ElfBuilder { Is64 = false, Machine = 3 }.Add(Load, 5, 0x1000, Routine, memorySize: 4).Build();

        Assert.That(ErrorId(bytes), Is.EqualTo("KJ1446"));
    }

    [Test]
    public void File_without_load_headers_is_reported()
    {
        Assert.That(ErrorId(new ElfBuilder().Add(Note, 4, 0, [1]).Build()), Is.EqualTo("KJ1447"));
        Assert.That(ErrorId(new ElfBuilder().Build()), Is.EqualTo("KJ1447"));
    }

    [Test]
    public void Damaged_section_header_table_does_not_prevent_loading()
    {
        var bytes = TwoSegments(is64: true).Build();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(40), 0xdeadbeef);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(60), 500);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(62), 7);

        Assert.That(Parse(bytes).Segments, Has.Count.EqualTo(2));
    }

    [Test]
    public void Damaged_note_header_does_not_prevent_loading()
    {
        var builder = TwoSegments(is64: true);
        var bytes = builder.Build();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(builder.ProgramHeaderOffset(1) + 8), ulong.MaxValue - 3);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(builder.ProgramHeaderOffset(1) + 32), ulong.MaxValue);

        var result = Parse(bytes);

        Assert.That(result.Diagnostics, Is.Empty);
        Assert.That(result.Segments.Select(s => s.HeaderIndex), Is.EqualTo(new[] { 0, 2 }));
    }

    [Test]
    public void Diagnostics_point_at_the_path_in_the_scenario()
    {
        Assert.That(Parse([1, 2, 3]).Diagnostics.Single().Span, Is.EqualTo(PathSpan));
    }
}
