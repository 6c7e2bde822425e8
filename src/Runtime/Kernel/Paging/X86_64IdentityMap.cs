using KjTest.Abi;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Kernel.Paging;

/// <summary>
/// The identity page table x86-64 <c>machine_kexec_prepare()</c> builds (init_pgtable, reference 5.1, 2.3 row 23):
/// 4-level tables in guest memory mapping every mapped RAM range and every segment range with 2 MiB leaves
/// (1 GiB with direct_gbpages), each range widened to its enclosing large pages, as kernel_ident_mapping_init does.
/// Every table page is a cleared control page, so none lies in a destination range. K30 uses the first page of its
/// two-page control block as the top-level table (PA_TABLE_PAGE); K614 and CUR allocate the top level as another
/// control page. The model follows the 3.9+ contents (RAM ranges plus segments; not the 2.6.30 map of 0..max_pfn
/// plus the 2 MiB around the entry point), and leaves out the kernel-virtual transition mapping of the relocate code.
/// </summary>
public sealed class X86_64IdentityMap
{
    private const ulong LargePage = 1UL << 21;
    private const ulong HugePage = 1UL << 30;

    private readonly IPhysicalMemory _memory;
    private readonly Func<ulong?> _allocateTable;
    private readonly bool _gbPages;

    private X86_64IdentityMap(IPhysicalMemory memory, Func<ulong?> allocateTable, bool gbPages, ulong root)
    {
        _memory = memory;
        _allocateTable = allocateTable;
        _gbPages = gbPages;
        Root = root;
    }

    /// <summary>Physical address of the top-level table (the CR3 value relocate_kernel loads).</summary>
    public ulong Root { get; }

    /// <summary>
    /// A <see cref="KernelModel.MachineKexecPrepare"/> hook that builds the identity map for each x86-64 image (normal or crash)
    /// and reports the table through <paramref name="built"/>; returns ENOMEM when a table page cannot be had.
    /// </summary>
    public static Func<KimagePrepareContext, int> PrepareHook(KernelConfig config, IPhysicalMemory memory, bool gbPages, Action<X86_64IdentityMap>? built = null) =>
        context =>
        {
            var map = Build(context, memory, config.Ram, config.Era, gbPages, out var errno);
            if (map is not null)
            {
                built?.Invoke(map);
            }

            return errno;
        };

    /// <summary>Builds the identity map for the image in <paramref name="context"/>; null with ENOMEM in <paramref name="errno"/> on failure.</summary>
    public static X86_64IdentityMap? Build(KimagePrepareContext context, IPhysicalMemory memory, IEnumerable<PhysicalRange> mappedRam, KernelEra era, bool gbPages, out int errno)
    {
        ulong? AllocateTable()
        {
            var page = context.AllocateControlPages(0);
            if (page is { } address)
            {
                memory.Write(address, new byte[KernelConstants.PageSize]);
            }

            return page;
        }

        ulong root;
        if (Eras.EraTable.Of(era).IdentityRootInControlPage)
        {
            root = context.ControlCodePage;
            memory.Write(root, new byte[KernelConstants.PageSize]);
        }
        else if (AllocateTable() is { } page)
        {
            root = page;
        }
        else
        {
            errno = Errno.ENOMEM;
            return null;
        }

        var map = new X86_64IdentityMap(memory, AllocateTable, gbPages, root);
        var ranges = mappedRam.Concat(context.Segments.Select(s => new PhysicalRange(s.Mem, s.MemSize)));
        foreach (var range in ranges)
        {
            if (!map.MapIdentity(range.Start, range.End))
            {
                errno = Errno.ENOMEM;
                return null;
            }
        }

        errno = 0;
        return map;
    }

    /// <summary>Maps [<paramref name="start"/>, <paramref name="end"/>) to itself; false when a table page cannot be had.</summary>
    public bool MapIdentity(ulong start, ulong end)
    {
        var addr = start & ~(LargePage - 1);
        while (addr < end)
        {
            var pml4e = Root + (((addr >> 39) & 511) * 8);
            var pdpt = EnsureTable(pml4e);
            if (pdpt is null)
            {
                return false;
            }

            var pdpte = pdpt.Value + (((addr >> 30) & 511) * 8);
            var gigEnd = (addr & ~(HugePage - 1)) + HugePage;
            if (_gbPages)
            {
                if ((ReadEntry(pdpte) & X86_64PageFlags.Present) == 0)
                {
                    WriteEntry(pdpte, (addr & ~(HugePage - 1)) | X86_64PageFlags.KernelLargeExec);
                }

                addr = gigEnd;
                continue;
            }

            var pd = EnsureTable(pdpte);
            if (pd is null)
            {
                return false;
            }

            for (; addr < end && addr < gigEnd; addr += LargePage)
            {
                var pde = pd.Value + (((addr >> 21) & 511) * 8);
                if ((ReadEntry(pde) & X86_64PageFlags.Present) == 0)
                {
                    WriteEntry(pde, addr | X86_64PageFlags.KernelLargeExec);
                }
            }
        }

        return true;
    }

    private ulong? EnsureTable(ulong entryAddress)
    {
        var entry = ReadEntry(entryAddress);
        if ((entry & X86_64PageFlags.Present) != 0)
        {
            return entry & X86_64PageFlags.AddressMask;
        }

        if (_allocateTable() is not { } table)
        {
            return null;
        }

        WriteEntry(entryAddress, table | X86_64PageFlags.KernelTable);
        return table;
    }

    private ulong ReadEntry(ulong address)
    {
        Span<byte> bytes = stackalloc byte[8];
        _memory.Read(address, bytes);
        return BitConverter.ToUInt64(bytes);
    }

    private void WriteEntry(ulong address, ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BitConverter.TryWriteBytes(bytes, value);
        _memory.Write(address, bytes);
    }
}
