namespace KjTest.Runtime.Machine.Cpu.Sse;

/// <summary>A two-operand lane operation of <see cref="SseArithmetic"/>.</summary>
internal delegate ulong SseLaneBinary(ulong a, ulong b, SseFormat format, ref SseContext context);
