namespace KjTest.Runtime.Machine.Cpu.Sse;

/// <summary>MXCSR.RC (and the immediate of ROUNDSS and its kin): bits 13-14.</summary>
internal enum SseRounding
{
    Nearest = 0,
    Down = 1,
    Up = 2,
    TowardZero = 3,
}
