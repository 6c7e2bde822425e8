namespace KjTest.Runtime.Machine.Cpu;

/// <summary>TZCNT, LZCNT, POPCNT.</summary>
internal enum BitCountKind
{
    Tzcnt,
    Lzcnt,
    Popcnt,
}
