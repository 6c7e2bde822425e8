using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary>
/// <c>neighbour_page</c>: the word that bug B4 reads as the re-entry point, the first word of the page above the swap
/// page, is written now, before the next jump, as A's own data there. The planner refuses a layout where that page is
/// the kernel's (the control page, the identity table, an indirection or source page, kernel A's own state) or a
/// destination page (the image's data is there while it runs).
/// </summary>
/// <param name="Span">The fault step.</param>
/// <param name="Address">The physical address written: the swap page plus 4 KiB.</param>
/// <param name="Value">The word; 8 bytes on x86_64, its low 4 on i386.</param>
/// <param name="WordSize">Bytes written.</param>
public sealed record NeighbourPageFault(SourceSpan Span, ulong Address, ulong Value, int WordSize) : PlannedFault(Span)
{
    /// <inheritdoc />
    public override string Kind => "neighbour_page";

    /// <inheritdoc />
    public override string Describe() => $"fault neighbour_page value=0x{Value:x} at 0x{Address:x}";

    internal static PlannedFault? Plan(FaultPlanning p)
    {
        var value = p.Number("value");
        if (p.State.NormalLayout is not { SwapPage: { } swap } layout)
        {
            p.Error(PlanCatalogue.NeighbourWithoutImage, p.Step.Span);
            return null;
        }

        var page = swap + KernelConstants.PageSize;
        if (p.State.Occupant(layout, page) is { } owner)
        {
            p.Error(PlanCatalogue.NeighbourOwnedByKernel, p.SpanOf("value"), page, swap, owner);
            return null;
        }

        return new NeighbourPageFault(p.Step.Span, page, value, p.I386 ? 4 : 8);
    }

    internal override void Arm(IFaultTarget target)
    {
        target.Memory.Write(Address, BitConverter.GetBytes(Value).AsSpan(0, WordSize));
    }
}
