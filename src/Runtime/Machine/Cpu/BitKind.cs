namespace KjTest.Runtime.Machine.Cpu;

/// <summary>BT, BTS, BTR, BTC.</summary>
internal enum BitKind
{
    Test,
    Set,
    Reset,
    Complement,
}
