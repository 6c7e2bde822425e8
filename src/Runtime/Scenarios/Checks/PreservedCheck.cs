using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Scenarios.Checks;

/// <summary>
/// A's state after the last jump that returned equals its state before it, class by class, but for the named
/// registers, device registers and memory ranges, and under the named masks. What differs is the gap.
/// </summary>
/// <param name="Span">The expectation.</param>
/// <param name="Classes">The state classes compared.</param>
/// <param name="Except">Registers, devices and device registers left out.</param>
/// <param name="Masks">Registers compared under a mask.</param>
/// <param name="ExceptMemory">Memory left out.</param>
public sealed record PreservedCheck(
    SourceSpan Span,
    IReadOnlySet<StateClass> Classes,
    IReadOnlySet<string> Except,
    IReadOnlyDictionary<string, UInt128> Masks,
    IReadOnlyList<PhysicalRange> ExceptMemory) : PlannedCheck(Span)
{
    // The C calling convention lets reboot() clobber these; RIP is where the task resumes.
    private static readonly HashSet<string> NotPreserved = new(StringComparer.Ordinal)
    {
        "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "rip", "msr.tsc", "eax", "ecx", "edx", "eip",
    };

    private const ulong ArithmeticFlags = 0x8D5;

    /// <inheritdoc />
    public override string Describe() => "preserved";

    /// <inheritdoc />
    internal override void Evaluate(IExpectContext context)
    {
        if (context.LastJump is not var (before, after))
        {
            context.Fail(RuntimeCatalogue.Message(RuntimeCatalogue.NoReturnToCompare, Span));
            return;
        }

        var fields = new List<GapField>();
        foreach (var (name, was) in before.Registers)
        {
            var info = Dsl.Vocabulary.Registers.Find(name);
            if (info is null || !Classes.Contains(info.Class) || NotPreserved.Contains(name) || Except.Contains(name))
            {
                continue;
            }

            var mask = Masks.TryGetValue(name, out var m) ? m : name is "rflags" or "eflags" ? ~(UInt128)ArithmeticFlags : UInt128.MaxValue;
            if (after.Registers.TryGetValue(name, out var now) && (was & mask) != (now & mask))
            {
                fields.Add(new GapField(name, Hex(was), Hex(now)));
            }
        }

        if (Classes.Contains(StateClass.Devices))
        {
            DeviceFields(before, after, fields);
        }

        var pages = Classes.Contains(StateClass.Memory) ? MemoryPages(context, before, after) : [];
        var gap = new Gap(fields, pages);
        if (!gap.IsEmpty)
        {
            context.ReportGap(gap);
        }
    }

    private void DeviceFields(StateCapture before, StateCapture after, List<GapField> fields)
    {
        foreach (var (b, a) in before.Devices.Zip(after.Devices))
        {
            foreach (var (br, ar) in b.Registers.Zip(a.Registers))
            {
                // Transmit progress, not configuration: output counters and a character still leaving the UART.
                if (br.Key is "output_length" or "thr_pending" || Except.Contains(b.Device) || Except.Contains($"{b.Device}.{br.Key}"))
                {
                    continue;
                }

                if (br.Value != ar.Value)
                {
                    fields.Add(new GapField($"{b.Device}.{br.Key}", $"0x{br.Value:x}", $"0x{ar.Value:x}"));
                }
            }
        }
    }

    private List<MemoryPageGap> MemoryPages(IExpectContext context, StateCapture before, StateCapture after)
    {
        var pages = new List<MemoryPageGap>();
        var excluded = context.KexecOwnedMemory(before).Concat(ExceptMemory).ToList();
        foreach (var page in MemorySnapshot.Diff(before.Memory, after.Memory).Pages)
        {
            if (excluded.Any(r => r.ContainsPage(page.Address)))
            {
                continue;
            }

            var ranges = page.Ranges.Where(r => !excluded.Any(x => x.Contains(page.Address + (ulong)r.Offset) && x.Contains(page.Address + (ulong)(r.Offset + r.Length - 1)))).ToList();
            if (ranges.Count == 0)
            {
                continue;
            }

            var first = ranges[0];
            var length = Math.Min(16, first.Length);
            var was = new byte[length];
            var now = new byte[length];
            before.Memory.Read(page.Address + (ulong)first.Offset, was);
            after.Memory.Read(page.Address + (ulong)first.Offset, now);
            pages.Add(new MemoryPageGap(page.Address, ranges, was, now));
        }

        return pages;
    }
}
