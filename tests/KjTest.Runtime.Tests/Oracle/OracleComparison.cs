using System.Text;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// Compares a CPU's state after running a vector's instruction with the vector's final
/// state: registers, instruction pointer, RFLAGS outside the undefined mask, and every byte
/// the instruction wrote.
/// </summary>
internal static class OracleComparison
{
    /// <summary>The RFLAGS bits compared: everything but the vector's undefined flags.</summary>
    public static uint ComparedFlags(OracleVector vector) => ~vector.UndefinedFlagsMask;

    /// <summary>Null when the state matches, else one line per difference, prefixed with the vector's source.</summary>
    /// <param name="vector">The expected outcome.</param>
    /// <param name="registers">General registers after, indexed as <see cref="OracleVector.FinalRegisters"/>.</param>
    /// <param name="ip">RIP/EIP after.</param>
    /// <param name="flags">RFLAGS after.</param>
    /// <param name="readMemory">Reads one byte of guest memory after the instruction.</param>
    public static string? Describe(OracleVector vector, ReadOnlySpan<ulong> registers, ulong ip, uint flags, Func<ulong, byte> readMemory)
    {
        var diff = new StringBuilder();
        for (var i = 0; i < vector.FinalRegisters.Length; i++)
        {
            var actual = i < registers.Length ? registers[i] : 0;
            if (actual != vector.FinalRegisters[i])
            {
                diff.Append($"\n  r{i}: expected 0x{vector.FinalRegisters[i]:x}, got 0x{actual:x}");
            }
        }

        if (ip != vector.FinalIp)
        {
            diff.Append($"\n  ip: expected 0x{vector.FinalIp:x}, got 0x{ip:x}");
        }

        var mask = ComparedFlags(vector);
        if ((flags & mask) != (vector.FinalFlags & mask))
        {
            diff.Append($"\n  flags: expected 0x{vector.FinalFlags & mask:x}, got 0x{flags & mask:x} (mask 0x{mask:x})");
        }

        foreach (var run in vector.FinalMemory)
        {
            for (var i = 0; i < run.Bytes.Length; i++)
            {
                var address = run.Address + (ulong)i;
                var actual = readMemory(address);
                if (actual != run.Bytes[i])
                {
                    diff.Append($"\n  [0x{address:x}]: expected 0x{run.Bytes[i]:x2}, got 0x{actual:x2}");
                }
            }
        }

        return diff.Length == 0 ? null : $"{vector.Source} {vector.Form}{diff}";
    }
}
