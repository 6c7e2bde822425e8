using KjTest.Dsl.Diagnostics;
using KjTest.Runtime.Scenarios.Planning;

namespace KjTest.Runtime.Scenarios.Faults;

/// <summary>
/// <c>dma</c>: a programmable device's DMA write into RAM at a point of the next jump (B13); the bytes go straight into
/// physical memory, as a bus master's would, bypassing the CPU.
/// </summary>
/// <param name="Span">The fault step.</param>
/// <param name="Device">The bus master.</param>
/// <param name="Address">The physical address.</param>
/// <param name="Bytes">The bytes written.</param>
/// <param name="At">The point.</param>
public sealed record DmaFault(SourceSpan Span, string Device, ulong Address, byte[] Bytes, FaultPoint At) : PlannedFault(Span)
{
    /// <inheritdoc />
    public override string Kind => "dma";

    /// <inheritdoc />
    public override string Describe() => $"fault dma device={Device} address=0x{Address:x} bytes={Convert.ToHexString(Bytes).ToLowerInvariant()} at={FaultPoints.NameOf(At)}";

    internal static PlannedFault? Plan(FaultPlanning p)
    {
        var (device, _) = p.Device();
        var address = p.Number("address");
        var bytes = Convert.FromHexString(string.Concat((p.Text("bytes") ?? "").Where(c => !char.IsWhiteSpace(c))));
        var at = p.Point();
        var end = address + (ulong)bytes.Length;
        if (end < address || end > p.State.RamSize)
        {
            p.Error(PlanCatalogue.DmaOutsideRam, p.SpanOf("address"), address, bytes.Length, p.State.RamSize);
            return null;
        }

        return at is { } point ? new DmaFault(p.Step.Span, device.Name.Value, address, bytes, point) : null;
    }

    internal override void Arm(IFaultTarget target)
    {
        var master = target.Programmable(Device);
        target.ArmAt(At, _ => master.DmaWrite(Address, Bytes));
    }
}
