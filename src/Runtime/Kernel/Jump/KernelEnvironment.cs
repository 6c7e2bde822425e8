using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Kernel.Jump;

/// <summary>
/// The layout both architectures give kernel A's reserved area: the top-level page table at the base, then the GDT,
/// IDT, TSS with <c>saved_context</c> after it, the kernel text page (machine_kexec's tail, restore_processor_state
/// and one halting sentinel stub per exception vector), the FPU save area and the kernel stack up to 64 KiB.
/// </summary>
public abstract class KernelEnvironment : IKernelEnvironment
{
    /// <summary>Bytes from the area's base to the top of the kernel stack.</summary>
    public const ulong StackAreaSize = 0x10000;

    private protected const int HandlerStride = 8;
    private protected const int HandlersOffset = 0x800;

    private readonly ulong _directMapBase;

    private protected KernelEnvironment(ulong areaBase, ulong directMapBase)
    {
        Base = areaBase;
        _directMapBase = directMapBase;
    }

    /// <summary>Physical base of A's area.</summary>
    public ulong Base { get; }

    /// <inheritdoc />
    public abstract ulong Size { get; }

    /// <summary>Physical address of the GDT.</summary>
    public ulong Gdt => Base + 0x2000;

    /// <summary>Physical address of the IDT.</summary>
    public ulong Idt => Base + 0x3000;

    /// <summary>Physical address of the TSS.</summary>
    public ulong Tss => Base + 0x4000;

    /// <summary>Physical address of <c>saved_context</c>.</summary>
    public ulong SavedContext => Base + 0x4100;

    /// <summary>Physical address of the kernel text page.</summary>
    public ulong Text => Base + 0x5000;

    /// <summary>Physical address of the FPU save area (kernel_fpu_begin).</summary>
    public ulong FpuArea => Base + 0x6000;

    /// <summary>Lowest address of the kernel stack.</summary>
    public ulong StackBottom => Base + 0x8000;

    /// <summary>Initial kernel stack pointer (physical).</summary>
    public ulong StackTop => Base + StackAreaSize;

    /// <summary>
    /// Ranges of A's area that are kernel scratch during a jump: saved_context, the kernel text the model writes for
    /// each machine_kexec, the FPU save area.
    /// </summary>
    public IReadOnlyList<PhysicalRange> ScratchRanges => [new(SavedContext, 0x700), new(Text, 0x1000), new(FpuArea, 0x1000)];

    /// <inheritdoc />
    public ulong PhysicalOf(ulong virtualAddress) => virtualAddress - _directMapBase;

    /// <summary>
    /// Kernel virtual address in the last written kernel text where machine_kexec is about to call relocate_kernel:
    /// after load_segments and the descriptor-table invalidation of the era (the point <c>machine_kexec</c>).
    /// </summary>
    public ulong RelocateCallVa { get; private protected set; }

    /// <summary>The functions of the last written kernel text (<c>machine_kexec</c>, <c>restore_processor_state</c>), by offset from <see cref="Text"/>.</summary>
    public IReadOnlyList<Relocate.CodeLabel> TextLabels { get; private protected set; } = [];

    /// <summary>Offset of the exception handler stubs from <see cref="Text"/>, and the bytes of each (one per vector).</summary>
    public static (int Offset, int Stride) HandlerStubs => (HandlersOffset, HandlerStride);

    /// <summary>Kernel virtual address of the exception handler for <paramref name="vector"/> (a sentinel).</summary>
    public ulong HandlerVa(int vector) => _directMapBase + HandlerStub(vector);

    /// <summary>
    /// Kernel virtual address of the interrupt return that ends <paramref name="vector"/>'s handler: the kernel model
    /// resumes the CPU there once it has done what A's handler does (the halting loop before it is not a way there).
    /// </summary>
    public ulong HandlerReturnVa(int vector) => HandlerVa(vector) + 3;

    /// <summary>The vector whose handler is at <paramref name="address"/>, or null.</summary>
    public int? VectorAt(ulong address)
    {
        var first = HandlerVa(0);
        return address >= first && address < first + (256 * HandlerStride) ? (int)((address - first) / HandlerStride) : null;
    }

    /// <summary>
    /// Writes the stub of <paramref name="vector"/>'s handler: <c>hlt; jmp $-1</c>, then the <c>iret</c> (<c>iretq</c> in
    /// long mode) at <see cref="HandlerReturnVa"/>.
    /// </summary>
    private protected void WriteHandlerStub(PhysicalMemory memory, int vector, bool longMode) =>
        memory.Write(HandlerStub(vector), longMode ? [0xF4, 0xEB, 0xFD, 0x48, 0xCF] : [0xF4, 0xEB, 0xFD, 0xCF]);

    private ulong HandlerStub(int vector) => Text + HandlersOffset + (ulong)(vector * HandlerStride);
}
