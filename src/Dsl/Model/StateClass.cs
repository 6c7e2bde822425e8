namespace KjTest.Dsl.Model;

/// <summary>A class of kernel A's state that a jump must preserve.</summary>
public enum StateClass
{
    /// <summary>General, control, segment, descriptor-table and debug registers and MSRs.</summary>
    Cpu,

    /// <summary>x87, MXCSR and XMM registers.</summary>
    Fpu,

    /// <summary>A's RAM.</summary>
    Memory,

    /// <summary>Device registers.</summary>
    Devices,
}
