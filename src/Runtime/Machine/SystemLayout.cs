namespace KjTest.Runtime.Machine;

/// <summary>Where <see cref="MachineSetup"/> placed the structures it built in guest memory.</summary>
/// <param name="SystemArea">Physical base of the area holding GDT, TSS and page tables.</param>
/// <param name="Gdt">GDT base.</param>
/// <param name="Tss">TSS base.</param>
/// <param name="PageTableRoot">CR3 (0 when paging is off).</param>
/// <param name="StackTop">Initial stack pointer.</param>
public sealed record SystemLayout(ulong SystemArea, ulong Gdt, ulong Tss, ulong PageTableRoot, ulong StackTop);
