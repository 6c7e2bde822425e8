using KjTest.Runtime.Kernel;

namespace KjTest.Runtime.Tests.Kernel;

/// <summary>Reference 3.2 and 5.5: how swap_pages reads an entry list.</summary>
public class KimageEntryDecoderTests
{
    private static SparsePhysicalMemory WithWords(ulong page, params ulong[] words)
    {
        var memory = new SparsePhysicalMemory(0x100000);
        for (var i = 0; i < words.Length; i++)
        {
            memory.Write(page + ((ulong)i * 8), BitConverter.GetBytes(words[i]));
        }

        return memory;
    }

    [Test]
    public void Zero_words_are_skipped_not_taken_as_the_end()
    {
        var memory = WithWords(0x1000, 0x40000 | 1, 0, 0x50000 | 8, 0, 4);

        var decoded = KimageEntryDecoder.Decode(memory, 0x1000 | 2, 8);

        Assert.Multiple(() =>
        {
            Assert.That(decoded.Terminated, Is.True);
            Assert.That(decoded.Pages, Is.EqualTo(new[] { new KimagePage(0x40000, 0x50000) }));
        });
    }

    [Test]
    public void The_lowest_set_flag_bit_decides_a_word()
    {
        // 0x9: DESTINATION and SOURCE both set; DESTINATION is tested first.
        var memory = WithWords(0x1000, 0x40000 | 9, 0x50000 | 0xC, 0x60000 | 8);

        var decoded = KimageEntryDecoder.Decode(memory, 0x1000 | 2, 8);

        Assert.Multiple(() =>
        {
            Assert.That(decoded.Destinations, Is.EqualTo(new ulong[] { 0x40000 }));
            Assert.That(decoded.Pages, Is.Empty);
            Assert.That(decoded.Terminated, Is.True);
        });
    }

    [Test]
    public void Consecutive_sources_advance_the_destination_page_by_page()
    {
        var memory = WithWords(0x1000, 0x40000 | 1, 0x50000 | 8, 0x51000 | 8, 0x2000 | 2);
        memory.Write(0x2000, BitConverter.GetBytes(0x52000UL | 8));
        memory.Write(0x2008, BitConverter.GetBytes(4UL));

        var decoded = KimageEntryDecoder.Decode(memory, 0x1000 | 2, 8);

        Assert.Multiple(() =>
        {
            Assert.That(decoded.Pages.Select(p => p.Destination), Is.EqualTo(new ulong[] { 0x40000, 0x41000, 0x42000 }));
            Assert.That(decoded.IndirectionPages, Is.EqualTo(new ulong[] { 0x1000, 0x2000 }));
        });
    }

    [Test]
    public void A_list_without_done_stops_at_the_word_budget()
    {
        var memory = WithWords(0x1000, 0x1000 | 2);

        var decoded = KimageEntryDecoder.Decode(memory, 0x1000 | 2, 8, wordBudget: 100);

        Assert.Multiple(() =>
        {
            Assert.That(decoded.Terminated, Is.False);
            Assert.That(decoded.WordsRead, Is.EqualTo(100));
        });
    }

    [Test]
    public void A_crash_image_head_is_done_at_once()
    {
        var decoded = KimageEntryDecoder.Decode(new SparsePhysicalMemory(0x1000), KimageEntry.Done, 4);

        Assert.That((decoded.Terminated, decoded.WordsRead), Is.EqualTo((true, 1)));
    }
}
