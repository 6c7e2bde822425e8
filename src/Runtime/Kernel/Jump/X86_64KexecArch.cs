using KjTest.Abi;
using KjTest.Runtime.Kernel.Paging;
using KjTest.Runtime.Kernel.Relocate;
using KjTest.Runtime.Machine.Memory;
using KjTest.Runtime.Kernel.Eras;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>
/// One kernel's x86-64 architecture part of kexec: machine_kexec_prepare (identity table, transition mapping of the
/// relocate code, the routine copied into the control page with its data words since 6.14) and what machine_kexec
/// passes to relocate_kernel per era.
/// </summary>
public sealed class X86_64KexecArch
{
    private readonly Dictionary<ulong, PreparedImage> _images = [];
    private readonly PhysicalMemory _memory;
    private readonly KernelConfig _config;
    private readonly Func<ulong, ulong> _virtualOf;

    /// <summary>Creates the architecture part for a kernel whose direct map is <paramref name="virtualOf"/>.</summary>
    public X86_64KexecArch(PhysicalMemory memory, KernelConfig config, JumpSettings settings, Func<ulong, ulong> virtualOf, ulong savedGdtDescriptorVa)
    {
        _memory = memory;
        _config = config;
        Settings = settings;
        _virtualOf = virtualOf;
        SavedGdtDescriptorVa = savedGdtDescriptorVa;
    }

    /// <summary>The era, bug and limits.</summary>
    public JumpSettings Settings { get; }

    /// <summary>The era whose interface relocate_kernel is called with.</summary>
    private EraTraits Convention => Eras.EraTable.Of(Settings.Era);

    /// <summary>Kernel virtual address of <c>saved_context.gdt_desc</c>, reloaded by K614 and CUR on the way back.</summary>
    public ulong SavedGdtDescriptorVa { get; set; }

    /// <summary>
    /// <c>set_memory_rox</c> on this kernel's own map for a kernel virtual address, which 6.14 applies to the control
    /// page (5a82223e0743); null for a kernel whose map is not modelled in guest RAM.
    /// </summary>
    public Action<ulong>? SetMemoryRox { get; set; }

    /// <summary>The <see cref="KernelModel.MachineKexecPrepare"/> hook.</summary>
    public int Prepare(KimagePrepareContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var map = X86_64IdentityMap.Build(context, _memory, _config.Ram, Settings.Era, gbPages: false, out var errno);
        if (map is null)
        {
            return errno;
        }

        var codePage = CodePage(context.ControlCodePage);
        if (!TransitionMap.Map(_memory, map.Root, _virtualOf(codePage), codePage, () => context.AllocateControlPages(0)))
        {
            return Errno.ENOMEM;
        }

        var image = new PreparedImage(map.Root, Routine(codePage));
        _images[context.ControlCodePage] = image;
        if (Convention.Interface == RelocateInterface.ControlPage)
        {
            Install(image, codePage, context.SwapPage ?? 0);
            SetMemoryRox?.Invoke(_virtualOf(codePage));
        }

        return 0;
    }

    /// <summary>The identity table root of a loaded image, by its first control page.</summary>
    public ulong TableRoot(KimageLayout layout) => Prepared(layout).Root;

    /// <summary>The routine placed for a loaded image.</summary>
    public RelocateRoutine RoutineOf(KimageLayout layout) => Prepared(layout).Routine;

    /// <summary>The page relocate_kernel runs from: the second control page on K30, the only one since 6.14.</summary>
    public ulong CodePage(ulong controlCodePage) => controlCodePage + ((ulong)(Convention.ControlPageRoles.Count - 1) * KernelConstants.PageSize);

    /// <summary>Physical address of the jump-back entry of a loaded image (the instruction after <c>call *image</c>).</summary>
    public ulong JumpBackEntry(KimageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return CodePage(layout.ControlPages[0]) + (ulong)Prepared(layout).Routine.JumpBackOffset;
    }

    /// <summary>
    /// What machine_kexec does in C before the call, for <paramref name="layout"/>: on K30 the routine is copied
    /// into the code page and page_list written at <paramref name="pageList"/>; returns (rsi, rcx) for relocate_kernel
    /// and the kernel virtual address to call.
    /// </summary>
    public (ulong Rsi, ulong Rcx, ulong RelocateVa) PrepareCall(KimageLayout layout, ulong pageList, ulong pageListVa)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var image = Prepared(layout);
        var codePage = CodePage(layout.ControlPages[0]);
        var preserve = layout.PreserveContext ? 1UL : 0UL;
        if (Convention.Interface == RelocateInterface.PageList)
        {
            Install(image, codePage, layout.SwapPage ?? 0);
            _memory.WriteUInt64(pageList, codePage);
            _memory.WriteUInt64(pageList + 8, _virtualOf(codePage));
            _memory.WriteUInt64(pageList + 16, image.Root);
            _memory.WriteUInt64(pageList + 24, layout.SwapPage ?? 0);
            return (pageListVa, preserve, _virtualOf(codePage));
        }

        return (codePage, preserve, _virtualOf(codePage));
    }

    private PreparedImage Prepared(KimageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return _images.TryGetValue(layout.ControlPages[0], out var image)
            ? image
            : throw new InvalidOperationException("The image was not prepared by this kernel.");
    }

    private RelocateRoutine Routine(ulong codePage)
    {
        if (Settings.UserRelocate is { } user)
        {
            var bytes = user(codePage);
            var page = new byte[Math.Max(bytes.Length, RelocateRoutine.ControlCodeMaxSize + RelocateRoutine.DataSize)];
            bytes.CopyTo(page, 0);
            return new RelocateRoutine(page, 0, RelocateRoutine.ControlCodeMaxSize, []);
        }

        return X86_64Relocate.Build(Settings.Era, Settings.Bug, SavedGdtDescriptorVa);
    }

    private void Install(PreparedImage image, ulong codePage, ulong swapPage)
    {
        var code = (byte[])image.Routine.Code.Clone();
        var data = code.AsSpan(image.Routine.DataOffset);
        BitConverter.TryWriteBytes(data.Slice(RelocateRoutine.PaTablePage), image.Root);
        BitConverter.TryWriteBytes(data.Slice(RelocateRoutine.PaSwapPage), swapPage);
        BitConverter.TryWriteBytes(data.Slice(RelocateRoutine.VaControlPage), _virtualOf(codePage));
        if (image.Routine.DebugStubs.Count > 0)
        {
            X86_64Relocate.WriteDebugIdt(data, image.Routine, codePage);
        }

        _memory.Write(codePage, code);
    }

    private sealed record PreparedImage(ulong Root, RelocateRoutine Routine);
}
