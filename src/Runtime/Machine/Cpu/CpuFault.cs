namespace KjTest.Runtime.Machine.Cpu;

/// <summary>An architectural exception raised while executing an instruction; caught by the run loop and delivered.</summary>
internal sealed class CpuFault : Exception
{
    public const int DE = 0, DB = 1, NMI = 2, BP = 3, OF = 4, BR = 5, UD = 6, NM = 7, DF = 8,
        TS = 10, NP = 11, SS = 12, GP = 13, PF = 14, MF = 16, AC = 17, MC = 18, XM = 19;

    public CpuFault(int vector, uint? errorCode, string? detail = null)
        : base($"exception {vector}")
    {
        Vector = vector;
        ErrorCode = errorCode;
        Detail = detail;
    }

    public CpuFault()
        : this(UD, null)
    {
    }

    public CpuFault(string message)
        : base(message)
    {
        Vector = UD;
    }

    public CpuFault(string message, Exception innerException)
        : base(message, innerException)
    {
        Vector = UD;
    }

    public int Vector { get; }

    public uint? ErrorCode { get; }

    public string? Detail { get; }

    public static CpuFault Gp(uint error = 0) => new(GP, error);

    public static CpuFault Ud(string? detail = null) => new(UD, null, detail);
}
