namespace KjTest.Runtime.Machine.Cpu;

/// <summary>
/// The declared identity and feature set CPUID reports. Features the interpreter does not
/// implement must not be advertised here.
/// </summary>
/// <param name="Vendor">12-character vendor string (e.g. <c>GenuineIntel</c>).</param>
/// <param name="Family">Display family.</param>
/// <param name="Model">Display model.</param>
/// <param name="Stepping">Stepping id.</param>
/// <param name="Leaf1Ecx">CPUID.1:ECX feature bits.</param>
/// <param name="Leaf1Edx">CPUID.1:EDX feature bits.</param>
/// <param name="Leaf7Ebx">CPUID.(7,0):EBX feature bits.</param>
/// <param name="Ext1Ecx">CPUID.80000001h:ECX feature bits.</param>
/// <param name="Ext1Edx">CPUID.80000001h:EDX feature bits.</param>
/// <param name="Brand">Brand string, at most 48 characters.</param>
/// <param name="PhysicalAddressBits">MAXPHYADDR.</param>
/// <param name="LinearAddressBits">Linear address width.</param>
public sealed record CpuModel(
    string Vendor,
    int Family,
    int Model,
    int Stepping,
    uint Leaf1Ecx,
    uint Leaf1Edx,
    uint Leaf7Ebx,
    uint Ext1Ecx,
    uint Ext1Edx,
    string Brand,
    int PhysicalAddressBits,
    int LinearAddressBits)
{
    /// <summary>
    /// A generic x86-64 CPU advertising what the interpreter implements: FPU, TSC, MSR, PAE, CX8,
    /// APIC, SEP, PGE, CMOV, PAT, PSE-36, CLFSH, FXSR, SSE, SSE2 / SSE3 off, CX16, MOVBE, POPCNT,
    /// XSAVE, OSXSAVE as set by CR4; LZCNT, NX, SYSCALL, 1 GiB pages, RDTSCP, LM; BMI1 (TZCNT) in leaf 7.
    /// </summary>
    public static CpuModel Default { get; } = new(
        Vendor: "GenuineIntel",
        Family: 6,
        Model: 0x55,
        Stepping: 4,
        Leaf1Ecx: (1u << 13) | (1u << 22) | (1u << 23) | (1u << 26),
        Leaf1Edx: (1u << 0) | (1u << 4) | (1u << 5) | (1u << 6) | (1u << 8) | (1u << 9) | (1u << 11) | (1u << 13)
            | (1u << 15) | (1u << 16) | (1u << 17) | (1u << 19) | (1u << 24) | (1u << 25) | (1u << 26),
        Leaf7Ebx: 1u << 3,
        Ext1Ecx: 1u << 5,
        Ext1Edx: (1u << 11) | (1u << 20) | (1u << 26) | (1u << 27) | (1u << 29),
        Brand: "KjTest virtual x86-64 CPU",
        PhysicalAddressBits: 46,
        LinearAddressBits: 48);
}
