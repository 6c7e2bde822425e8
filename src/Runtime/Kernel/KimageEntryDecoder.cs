using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Kernel;

/// <summary>
/// Walks a kimage entry list in guest memory the way <c>swap_pages</c> does (reference 5.5): the bits are tested in
/// the order DESTINATION, INDIRECTION, DONE, SOURCE, the first set bit decides, and a word with none is skipped.
/// </summary>
public static class KimageEntryDecoder
{
    /// <summary>Default bound on the words read, so a corrupted list without IND_DONE cannot loop for ever.</summary>
    public const int DefaultWordBudget = 1 << 20;

    /// <summary>Decodes the list starting at <paramref name="head"/>, reading words of <paramref name="wordSize"/> bytes.</summary>
    public static KimageDecodeResult Decode(IPhysicalMemory memory, ulong head, int wordSize, int wordBudget = DefaultWordBudget)
    {
        if (wordSize is not (4 or 8))
        {
            throw new ArgumentOutOfRangeException(nameof(wordSize), wordSize, "An entry word is 4 or 8 bytes.");
        }

        const ulong pageMask = ~KernelConstants.PageOffsetMask;
        var wordMask = wordSize == 8 ? ulong.MaxValue : 0xFFFF_FFFFUL;
        var pages = new List<KimagePage>();
        var indirection = new List<ulong>();
        var destinations = new List<ulong>();
        Span<byte> buffer = stackalloc byte[8];
        ulong destination = 0;
        ulong pointer = 0;
        var word = head & wordMask;
        for (var read = 1; read <= wordBudget; read++)
        {
            if ((word & KimageEntry.Destination) != 0)
            {
                destination = word & pageMask;
                destinations.Add(destination);
            }
            else if ((word & KimageEntry.Indirection) != 0)
            {
                pointer = word & pageMask;
                indirection.Add(pointer);
            }
            else if ((word & KimageEntry.Done) != 0)
            {
                return new KimageDecodeResult(pages, indirection, destinations, true, read);
            }
            else if ((word & KimageEntry.Source) != 0)
            {
                pages.Add(new KimagePage(destination, word & pageMask));
                destination = (destination + KernelConstants.PageSize) & wordMask;
            }

            buffer.Clear();
            memory.Read(pointer, buffer[..wordSize]);
            word = BitConverter.ToUInt64(buffer) & wordMask;
            pointer = (pointer + (ulong)wordSize) & wordMask;
        }

        return new KimageDecodeResult(pages, indirection, destinations, false, wordBudget);
    }
}
