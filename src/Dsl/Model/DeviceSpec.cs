using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Model;

/// <summary>A device on the machine, with its resources and initial register values.</summary>
/// <param name="Span">Where it was written.</param>
/// <param name="Name">Instance name, unique in the scenario.</param>
/// <param name="Type">Device type from <see cref="Vocabulary.DeviceTypes"/>.</param>
/// <param name="Ports">I/O port ranges; empty for the type's defaults.</param>
/// <param name="Mmio">MMIO ranges; empty for the type's defaults.</param>
/// <param name="Irq">IRQ line, or null for the type's default.</param>
/// <param name="Registers">Initial register values.</param>
public sealed record DeviceSpec(
    SourceSpan Span,
    Located<string> Name,
    Located<string> Type,
    IReadOnlyList<PortRange> Ports,
    IReadOnlyList<MemoryRange> Mmio,
    Located<ulong>? Irq,
    IReadOnlyList<RegisterAssignment> Registers);
