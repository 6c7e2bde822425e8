namespace KjTest.Runtime.Machine.Cpu;

/// <summary>The string instructions.</summary>
internal enum StringKind
{
    Movs,
    Stos,
    Lods,
    Cmps,
    Scas,
    Ins,
    Outs,
}
