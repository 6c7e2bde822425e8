namespace KjTest.Runtime.Machine.Cpu;

/// <summary>The shift and rotate group.</summary>
internal enum ShiftKind
{
    Rol,
    Ror,
    Rcl,
    Rcr,
    Shl,
    Shr,
    Sar,
}
