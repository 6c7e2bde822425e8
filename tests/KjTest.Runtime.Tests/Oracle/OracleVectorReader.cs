using System.Globalization;
using Iced.Intel;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// Parses the line-oriented vector files written by KjTest.VectorGen:
/// <c>&lt;form&gt; &lt;hex bytes&gt; &lt;initial tokens&gt; &gt; &lt;final tokens&gt;</c>, where tokens are
/// <c>reg=hex</c>, <c>rip=hex</c>/<c>eip=hex</c>, <c>fl=hex</c> and <c>m=addr:hexbytes</c>. Registers
/// absent on the left are zero; registers absent on the right are unchanged.
/// </summary>
internal static class OracleVectorReader
{
    private static readonly string[] Names64 = ["rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"];
    private static readonly string[] Names32 = ["eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"];

    /// <summary>The folder holding <c>x86_64/</c> and <c>i386/</c> next to the test assembly.</summary>
    public static string DefaultRoot => Path.Combine(AppContext.BaseDirectory, "Oracle", "Vectors");

    /// <summary>Reads every <c>*.txt</c> file of one mode folder (<c>x86_64</c> or <c>i386</c>).</summary>
    public static IReadOnlyList<OracleVectorFile> LoadMode(string root, string folder) =>
        [.. Directory.GetFiles(Path.Combine(root, folder), "*.txt").Order(StringComparer.Ordinal).Select(p => Parse(File.ReadAllText(p), p))];

    /// <summary>Parses one file's text.</summary>
    /// <exception cref="FormatException">A malformed line, with its file and line number.</exception>
    public static OracleVectorFile Parse(string text, string path)
    {
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        var vectors = new List<OracleVector>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }

            if (line[0] == '#')
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    header[line[1..colon].Trim()] = line[(colon + 1)..].Trim();
                }

                continue;
            }

            var source = $"{Path.GetFileName(path)}:{i + 1}";
            if (!header.TryGetValue("mode", out var modeText) || !header.TryGetValue("family", out var family))
            {
                throw new FormatException($"{source}: a case before the mode and family header lines");
            }

            vectors.Add(ParseCase(line, int.Parse(modeText, CultureInfo.InvariantCulture), family, source));
        }

        return new OracleVectorFile(path, header, vectors);
    }

    private static OracleVector ParseCase(string line, int mode, string family, string source)
    {
        var tokens = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var arrow = Array.IndexOf(tokens, ">");
        if (tokens.Length < 3 || arrow < 2)
        {
            throw new FormatException($"{source}: expected '<form> <bytes> <initial> > <final>'");
        }

        var names = mode == 64 ? Names64 : Names32;
        var bytes = Convert.FromHexString(tokens[1]);
        var initialRegisters = new ulong[names.Length];
        var (initialIp, initialFlags, initialMemory) = ParseState(tokens[2..arrow], names, initialRegisters, source);
        var finalRegisters = (ulong[])initialRegisters.Clone();
        var (finalIp, finalFlags, finalMemory) = ParseState(tokens[(arrow + 1)..], names, finalRegisters, source);

        var decoder = Decoder.Create(mode, bytes, 0x10_8000);
        decoder.Decode(out var instruction);
        if (instruction.IsInvalid || instruction.Length != bytes.Length)
        {
            throw new FormatException($"{source}: bytes {tokens[1]} do not decode as one instruction");
        }

        var undefined = UndefinedFlags.For(instruction, (byte)initialRegisters[1]);
        return new OracleVector(mode, family, tokens[0], source, bytes, initialRegisters, initialIp, initialFlags, initialMemory,
            finalRegisters, finalIp, finalFlags, finalMemory, undefined);
    }

    private static (ulong Ip, uint Flags, List<OracleMemoryRun> Memory) ParseState(string[] tokens, string[] names, ulong[] registers, string source)
    {
        ulong? ip = null;
        uint? flags = null;
        var memory = new List<OracleMemoryRun>();
        foreach (var token in tokens)
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"{source}: token '{token}' is not name=value");
            }

            var name = token[..eq];
            var value = token[(eq + 1)..];
            switch (name)
            {
                case "rip" or "eip":
                    ip = ParseHex(value, source);
                    break;
                case "fl":
                    flags = (uint)ParseHex(value, source);
                    break;
                case "m":
                {
                    var colon = value.IndexOf(':', StringComparison.Ordinal);
                    if (colon <= 0)
                    {
                        throw new FormatException($"{source}: memory token '{token}' is not m=addr:bytes");
                    }

                    memory.Add(new OracleMemoryRun(ParseHex(value[..colon], source), Convert.FromHexString(value[(colon + 1)..])));
                    break;
                }

                default:
                {
                    var index = Array.IndexOf(names, name);
                    if (index < 0)
                    {
                        throw new FormatException($"{source}: unknown register '{name}'");
                    }

                    registers[index] = ParseHex(value, source);
                    break;
                }
            }
        }

        if (ip is null || flags is null)
        {
            throw new FormatException($"{source}: each side needs the instruction pointer and fl");
        }

        return (ip.Value, flags.Value, memory);
    }

    private static ulong ParseHex(string text, string source) =>
        ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"{source}: '{text}' is not hexadecimal");
}
