using System.Diagnostics;
using System.Globalization;
using System.Text;
using Iced.Intel;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// Random integer instruction sequences run on the KjTest CPU and on Unicorn side by side,
/// comparing registers, RIP, defined flags and the touched data bytes after every instruction
/// and the whole data page after each sequence. The seed is fixed; set
/// <c>KJTEST_FUZZ_SEQUENCES</c> (and optionally <c>KJTEST_FUZZ_SEED</c>) to run more.
/// </summary>
[NonParallelizable]
public sealed class DifferentialFuzzTests
{
    private const int DefaultSequences = 100_000;
    private const int DefaultSeed = 20_261_126;
    private const int SequenceLength = 8;
    private const ulong CodeBase = 0x10_0000;
    private const ulong DataBase = FuzzInstructionGenerator.DataBase;
    private const int DataSize = 0x1000;
    private const ulong StackPointer = 0x30_0000;

    private static readonly UnicornRegister[] Gprs =
    [
        UnicornRegister.Rax, UnicornRegister.Rcx, UnicornRegister.Rdx, UnicornRegister.Rbx, UnicornRegister.Rsp, UnicornRegister.Rbp,
        UnicornRegister.Rsi, UnicornRegister.Rdi, UnicornRegister.R8, UnicornRegister.R9, UnicornRegister.R10, UnicornRegister.R11,
        UnicornRegister.R12, UnicornRegister.R13, UnicornRegister.R14, UnicornRegister.R15,
    ];

    [Test]
    public void Cpu_matches_unicorn_on_random_integer_sequences()
    {
        if (!UnicornEngine.IsAvailable)
        {
            Assert.Ignore("libunicorn.so.2 is not installed (Debian package libunicorn2); the differential fuzz test cannot run here.");
        }

        var sequences = EnvironmentNumber("KJTEST_FUZZ_SEQUENCES", DefaultSequences);
        var seed = EnvironmentNumber("KJTEST_FUZZ_SEED", DefaultSeed);
        var random = new Random(seed);
        var generator = new FuzzInstructionGenerator(random);

        using var unicorn = OpenUnicorn();
        var machine = new MachineBuilder().WithMemory(16UL << 20).Build();
        MachineSetup.LongMode(machine, CodeBase);
        var cpu = machine.Cpu;

        var watch = Stopwatch.StartNew();
        var data = new byte[DataSize];
        var registers = new ulong[16];
        var steps = 0L;
        for (var s = 0; s < sequences; s++)
        {
            var program = new List<(Instruction Instruction, byte[] Bytes, ulong Ip)>();
            var ip = CodeBase;
            for (var k = 0; k < SequenceLength; k++)
            {
                var (instruction, bytes) = generator.Next(ip);
                program.Add((instruction, bytes, ip));

                // An INT3 after each instruction ends Unicorn's translation block there: translating
                // some runs of several fuzz instructions at once aborts Unicorn 2.0.1 (tcg fatal error).
                ip += (ulong)bytes.Length + 1;
            }

            var code = program.SelectMany(p => p.Bytes.Append((byte)0xCC)).ToArray();
            machine.Memory.Write(CodeBase, code);
            unicorn.Write(CodeBase, code);
            unicorn.FlushCode(CodeBase, CodeBase + 0x1_0000);

            random.NextBytes(data);
            machine.Memory.Write(DataBase, data);
            unicorn.Write(DataBase, data);
            for (var r = 0; r < 16; r++)
            {
                registers[r] = r switch { 4 => StackPointer, 5 => DataBase, _ => RandomValue(random) };
                cpu.SetGpr(r, registers[r]);
                unicorn.Set(Gprs[r], registers[r]);
            }

            var flags = 0x2UL | ((ulong)random.Next() & UndefinedFlags.AllStatus);
            cpu.Rflags = flags;
            unicorn.Set(UnicornRegister.Rflags, flags);

            for (var k = 0; k < program.Count; k++)
            {
                var (instruction, _, at) = program[k];
                var cl = (byte)cpu.GetGpr(1);
                var error = unicorn.Step(at);
                cpu.Rip = at;
                var outcome = cpu.Step();
                steps++;
                var diff = Compare(unicorn, machine, instruction, cl, error, outcome);
                if (diff != null)
                {
                    Assert.Fail(Report(seed, s, k, program, registers, flags, diff));
                }

                // Undefined flags may differ; both engines continue from Unicorn's choice.
                cpu.Rflags = unicorn.Get(UnicornRegister.Rflags);
            }

            var expected = new byte[DataSize];
            unicorn.Read(DataBase, expected);
            var actual = new byte[DataSize];
            machine.Memory.Read(DataBase, actual);
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                var at = expected.AsSpan().CommonPrefixLength(actual);
                Assert.Fail(Report(seed, s, program.Count - 1, program, registers, flags,
                    $"data page differs at 0x{DataBase + (ulong)at:x}: unicorn 0x{expected[at]:x2}, kjtest 0x{actual[at]:x2}"));
            }
        }

        watch.Stop();
        TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {sequences} sequences of {SequenceLength} ({steps} instructions, {FuzzInstructionGenerator.Forms.Count} forms) matched in {watch.Elapsed.TotalSeconds:F1} s"));
    }

    private static UnicornEngine OpenUnicorn()
    {
        var unicorn = new UnicornEngine(UnicornMode.Bits64, recordAccesses: false);
        unicorn.Map(CodeBase, 0x1_0000);
        unicorn.Map(DataBase, DataSize);
        return unicorn;
    }

    private static string? Compare(UnicornEngine unicorn, X86Machine machine, in Instruction instruction, byte cl, int error, RunOutcome outcome)
    {
        var cpu = machine.Cpu;
        var diff = new StringBuilder();
        if (error != 0 || unicorn.Interrupt is not null)
        {
            diff.Append(CultureInfo.InvariantCulture, $"\n  unicorn stopped: error {error}, interrupt {unicorn.Interrupt?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        if (outcome.Reason != StopReason.InstructionLimit)
        {
            diff.Append(CultureInfo.InvariantCulture, $"\n  kjtest stopped: {outcome}");
        }

        for (var r = 0; r < 16; r++)
        {
            var expected = unicorn.Get(Gprs[r]);
            var actual = cpu.GetGpr(r);
            if (expected != actual)
            {
                diff.Append(CultureInfo.InvariantCulture, $"\n  {Gprs[r]}: unicorn 0x{expected:x}, kjtest 0x{actual:x}");
            }
        }

        var rip = unicorn.Get(UnicornRegister.Rip);
        if (rip != cpu.Rip)
        {
            diff.Append(CultureInfo.InvariantCulture, $"\n  rip: unicorn 0x{rip:x}, kjtest 0x{cpu.Rip:x}");
        }

        var mask = (ulong)(UndefinedFlags.AllStatus | 0x400) & ~(ulong)UndefinedFlags.For(instruction, cl);
        var flags = unicorn.Get(UnicornRegister.Rflags);
        if ((flags & mask) != (cpu.Rflags & mask))
        {
            diff.Append(CultureInfo.InvariantCulture, $"\n  flags: unicorn 0x{flags & mask:x}, kjtest 0x{cpu.Rflags & mask:x} (compared 0x{mask:x})");
        }

        if (instruction.MemoryBase == Register.RBP)
        {
            var address = DataBase + instruction.MemoryDisplacement64;
            var expected = new byte[16];
            unicorn.Read(address, expected);
            var actual = new byte[16];
            machine.Memory.Read(address, actual);
            if (!expected.AsSpan().SequenceEqual(actual))
            {
                diff.Append(CultureInfo.InvariantCulture, $"\n  [0x{address:x}..+16]: unicorn {Convert.ToHexString(expected)}, kjtest {Convert.ToHexString(actual)}");
            }
        }

        return diff.Length == 0 ? null : diff.ToString();
    }

    private static string Report(int seed, int sequence, int failing, List<(Instruction Instruction, byte[] Bytes, ulong Ip)> program, ulong[] registers, ulong flags, string diff)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"seed {seed}, sequence {sequence}, instruction {failing}: first mismatch");
        text.Append(diff);
        text.Append("\ninitial state: ");
        text.Append(string.Join(' ', registers.Select((v, r) => $"{Gprs[r]}=0x{v:x}")));
        text.Append(CultureInfo.InvariantCulture, $" rflags=0x{flags:x}\nsequence:");
        var formatter = new IntelFormatter();
        for (var k = 0; k <= failing; k++)
        {
            var output = new StringOutput();
            formatter.Format(program[k].Instruction, output);
            text.Append(CultureInfo.InvariantCulture, $"\n  {(k == failing ? "=>" : "  ")} {program[k].Ip:x}: {Convert.ToHexString(program[k].Bytes),-30} {output.ToStringAndReset()}  ({program[k].Instruction.Code})");
        }

        return text.ToString();
    }

    private static ulong RandomValue(Random random) => random.Next(8) switch
    {
        0 => 0,
        1 => ulong.MaxValue,
        2 => 1UL << random.Next(64),
        3 => (ulong)random.Next(256),
        4 => 0x8000_0000UL,
        _ => (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63),
    };

    private static int EnvironmentNumber(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}
