using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Scenarios.Tracing;

/// <summary>The registers a trace line reports when an instruction changes them: the GPRs, flags, CR0/CR3/CR4 and the selectors.</summary>
internal static class TraceRegisters
{
    private const int Gprs = 16;
    private static readonly string[] Names64 =
        ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rflags", "cr0", "cr3", "cr4", "es", "cs", "ss", "ds", "fs", "gs"];

    private static readonly string[] Names32 =
        ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d", "eflags", "cr0", "cr3", "cr4", "es", "cs", "ss", "ds", "fs", "gs"];

    public static int Count => Names64.Length;

    public static void Capture(X86Cpu cpu, ulong[] into)
    {
        ((ReadOnlySpan<ulong>)cpu.Gpr)[..Gprs].CopyTo(into);
        into[Gprs] = cpu.ReadFlags();
        into[Gprs + 1] = cpu.Cr0;
        into[Gprs + 2] = cpu.Cr3;
        into[Gprs + 3] = cpu.Cr4;
        for (var s = 0; s < 6; s++)
        {
            into[Gprs + 4 + s] = cpu.GetSegment((SegmentRegister)s).Selector;
        }
    }

    /// <summary><c>rdi=0x400000 rflags=0x46</c>: the registers that differ, in register order; 32-bit code shows 32-bit names.</summary>
    public static string Changes(ulong[] before, ulong[] after, int bitness)
    {
        var names = bitness == 64 ? Names64 : Names32;
        var text = new System.Text.StringBuilder();
        for (var r = 0; r < names.Length; r++)
        {
            var was = before[r];
            var now = after[r];
            if (bitness != 64 && r <= Gprs)
            {
                was &= 0xFFFF_FFFF;
                now &= 0xFFFF_FFFF;
            }

            if (was != now)
            {
                text.Append(text.Length == 0 ? "" : " ").Append(names[r]).Append("=0x").Append(now.ToString("x", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}
