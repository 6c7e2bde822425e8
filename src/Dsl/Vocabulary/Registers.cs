using KjTest.Dsl.Model;

namespace KjTest.Dsl.Vocabulary;

/// <summary>
/// Every register a scenario can name: general, control, segment (selector and hidden
/// <c>.base</c>/<c>.limit</c>/<c>.attr</c>), descriptor tables, debug, MSRs (<c>msr.name</c> or
/// <c>msr.0xNNNN</c>), x87, MXCSR and XMM (reference kexec-jump.md section 9).
/// </summary>
public static class Registers
{
    /// <summary>Named MSRs with their numbers (Intel SDM volume 4).</summary>
    public static IReadOnlyDictionary<string, uint> Msrs { get; } = new Dictionary<string, uint>(StringComparer.Ordinal)
    {
        ["tsc"] = 0x10, ["apic_base"] = 0x1b, ["feature_control"] = 0x3a, ["tsc_adjust"] = 0x3b,
        ["spec_ctrl"] = 0x48, ["tsx_ctrl"] = 0x122, ["mcu_opt_ctrl"] = 0x123,
        ["sysenter_cs"] = 0x174, ["sysenter_esp"] = 0x175, ["sysenter_eip"] = 0x176,
        ["misc_enable"] = 0x1a0, ["xfd"] = 0x1c4, ["mtrr_fix64k_00000"] = 0x250, ["mtrr_fix16k_80000"] = 0x258,
        ["mtrr_fix16k_a0000"] = 0x259, ["mtrr_fix4k_c0000"] = 0x268, ["mtrr_fix4k_c8000"] = 0x269,
        ["mtrr_fix4k_d0000"] = 0x26a, ["mtrr_fix4k_d8000"] = 0x26b, ["mtrr_fix4k_e0000"] = 0x26c,
        ["mtrr_fix4k_e8000"] = 0x26d, ["mtrr_fix4k_f0000"] = 0x26e, ["mtrr_fix4k_f8000"] = 0x26f,
        ["pat"] = 0x277, ["mtrr_def_type"] = 0x2ff, ["u_cet"] = 0x6a0, ["s_cet"] = 0x6a2, ["xss"] = 0xda0,
        ["efer"] = 0xc000_0080, ["star"] = 0xc000_0081, ["lstar"] = 0xc000_0082, ["cstar"] = 0xc000_0083,
        ["fmask"] = 0xc000_0084, ["fs_base"] = 0xc000_0100, ["gs_base"] = 0xc000_0101,
        ["kernel_gs_base"] = 0xc000_0102, ["tsc_aux"] = 0xc000_0103,
    };

    // Declared after Msrs: static initializers run in text order and Build reads Msrs.
    private static readonly Dictionary<string, RegisterInfo> Table = Build();

    /// <summary>Every fixed register name, for hints.</summary>
    public static IEnumerable<string> Names => Table.Keys;

    /// <summary>
    /// Looks up a register by name (case-insensitive). <c>msr.0xNNNN</c> names any MSR by number;
    /// <c>msr.efer</c>-style names use <see cref="Msrs"/>.
    /// </summary>
    public static RegisterInfo? Find(string name)
    {
        var key = name.ToLowerInvariant();
        if (Table.TryGetValue(key, out var info))
        {
            return info;
        }

        if (key.StartsWith("msr.0x", StringComparison.Ordinal)
            && uint.TryParse(key.AsSpan(6), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            return new RegisterInfo(key, 64, true, true, StateClass.Cpu, index);
        }

        return null;
    }

    private static Dictionary<string, RegisterInfo> Build()
    {
        var t = new Dictionary<string, RegisterInfo>(StringComparer.Ordinal);
        void Add(string name, int bits, bool on64, bool on32, StateClass cls = StateClass.Cpu, bool native = false) =>
            t[name] = new RegisterInfo(name, bits, on64, on32, cls, NativeWidth: native);

        foreach (var r in new[] { "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rip", "rflags" })
        {
            Add(r, 64, true, false);
        }

        foreach (var r in new[] { "eax", "ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eip", "eflags" })
        {
            Add(r, 32, false, true);
        }

        foreach (var s in new[] { "cs", "ds", "es", "fs", "gs", "ss", "ldtr", "tr" })
        {
            Add(s, 16, true, true);
            Add(s + ".base", 64, true, true, native: true);
            Add(s + ".limit", 32, true, true);
            Add(s + ".attr", 16, true, true);
        }

        foreach (var d in new[] { "gdtr", "idtr" })
        {
            Add(d + ".base", 64, true, true, native: true);
            Add(d + ".limit", 16, true, true);
        }

        foreach (var c in new[] { "cr0", "cr2", "cr3", "cr4" })
        {
            Add(c, 64, true, true, native: true);
        }

        Add("cr8", 64, true, false);
        Add("xcr0", 64, true, true);
        foreach (var d in new[] { "dr0", "dr1", "dr2", "dr3", "dr6", "dr7" })
        {
            Add(d, 64, true, true, native: true);
        }

        foreach (var (name, index) in Msrs)
        {
            var on32 = name is not ("kernel_gs_base" or "star" or "lstar" or "cstar" or "fmask");
            t["msr." + name] = new RegisterInfo("msr." + name, 64, true, on32, StateClass.Cpu, index);
        }

        Add("fcw", 16, true, true, StateClass.Fpu);
        Add("fsw", 16, true, true, StateClass.Fpu);
        Add("ftw", 16, true, true, StateClass.Fpu);
        Add("fop", 11, true, true, StateClass.Fpu);
        Add("fip", 64, true, true, StateClass.Fpu, native: true);
        Add("fdp", 64, true, true, StateClass.Fpu, native: true);
        for (var i = 0; i < 8; i++)
        {
            Add($"st{i}", 80, true, true, StateClass.Fpu);
        }

        Add("mxcsr", 32, true, true, StateClass.Fpu);
        for (var i = 0; i < 16; i++)
        {
            Add($"xmm{i}", 128, true, i < 8, StateClass.Fpu);
        }

        return t;
    }
}
