namespace KjTest.Runtime.Machine.Cpu.Sse;

/// <summary>How two lanes compare.</summary>
internal enum SseOrdering
{
    Less,
    Equal,
    Greater,
    Unordered,
}
