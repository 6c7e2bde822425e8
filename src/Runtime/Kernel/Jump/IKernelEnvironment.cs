namespace KjTest.Runtime.Kernel.Jump;

/// <summary>Where kernel A keeps its own structures in RAM, for capturing and comparing its state around a jump.</summary>
public interface IKernelEnvironment
{
    /// <summary>Physical base of A's reserved area.</summary>
    ulong Base { get; }

    /// <summary>Bytes of A's reserved area.</summary>
    ulong Size { get; }

    /// <summary>Lowest address of the kernel stack.</summary>
    ulong StackBottom { get; }

    /// <summary>Top of the kernel stack.</summary>
    ulong StackTop { get; }

    /// <summary>Ranges that are kernel scratch during a jump (not compared).</summary>
    IReadOnlyList<PhysicalRange> ScratchRanges { get; }

    /// <summary>The physical address of a kernel virtual address in the direct map.</summary>
    ulong PhysicalOf(ulong virtualAddress);
}
