using Iced.Intel;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// Runs every stored single-instruction vector on <see cref="X86Cpu"/>: one step from the
/// vector's initial state must reach its final registers, instruction pointer, defined flags
/// and written bytes.
/// </summary>
public sealed class VectorTests
{
    private const ulong InstructionAddress = 0x10_8000;

    // Machine tables go above the vectors' code, data and stack areas (0x100000-0x301fff).
    private const ulong MachineMemory = 16UL << 20;

    /// <summary>Vector files named relative to the vector root, e.g. <c>x86_64/arith.txt</c>.</summary>
    public static IEnumerable<string> VectorFiles() =>
        new[] { "x86_64", "i386" }.SelectMany(folder =>
            Directory.GetFiles(Path.Combine(OracleVectorReader.DefaultRoot, folder), "*.txt")
                .Order(StringComparer.Ordinal)
                .Select(path => $"{folder}/{Path.GetFileName(path)}"));

    [TestCaseSource(nameof(VectorFiles))]
    public void Cpu_matches_every_vector_of_the_file(string file)
    {
        var parsed = OracleVectorReader.Parse(File.ReadAllText(Path.Combine(OracleVectorReader.DefaultRoot, file)), file);
        Assert.That(parsed.Vectors, Is.Not.Empty, $"{file} holds no vectors");

        var mode = parsed.Vectors[0].Mode;
        var machine = new MachineBuilder().WithMemory(MachineMemory).Build();
        if (mode == 64)
        {
            MachineSetup.LongMode(machine, InstructionAddress);
        }
        else
        {
            MachineSetup.ProtectedMode32(machine, InstructionAddress);
        }

        var mismatches = new List<string>();
        var revoked = 0;
        foreach (var vector in parsed.Vectors)
        {
            var diff = Run(machine, vector);
            var revocation = VectorRevocation.All.FirstOrDefault(r => r.Matches(vector));
            if (revocation != null)
            {
                revoked++;
                if (diff == null)
                {
                    mismatches.Add($"{vector.Source} {vector.Form} {Disassemble(vector)}: revoked ({revocation.Reason}) but the CPU now matches it");
                }
            }
            else if (diff != null)
            {
                mismatches.Add(diff);
            }
        }

        if (revoked > 0)
        {
            TestContext.Out.WriteLine($"{revoked} revoked vectors disagree with the CPU as expected");
        }

        Assert.That(mismatches.Count, Is.Zero,
            $"{mismatches.Count} of {parsed.Vectors.Count} vectors differ; first {Math.Min(20, mismatches.Count)}:\n" + string.Join("\n", mismatches.Take(20)));
    }

    [TestCase("x86_64", 20_000)]
    [TestCase("i386", 5_000)]
    public void Stored_vectors_cover_at_least_the_required_count(string folder, int minimum)
    {
        var count = OracleVectorReader.LoadMode(OracleVectorReader.DefaultRoot, folder).Sum(f => f.Vectors.Count);
        Assert.That(count, Is.GreaterThanOrEqualTo(minimum));
    }

    private static string? Run(X86Machine machine, OracleVector vector)
    {
        var cpu = machine.Cpu;
        machine.Memory.Write(vector.InitialIp, vector.Bytes);
        foreach (var run in vector.InitialMemory)
        {
            machine.Memory.Write(run.Address, run.Bytes);
        }

        for (var i = 0; i < 16; i++)
        {
            cpu.SetGpr(i, i < vector.InitialRegisters.Length ? vector.InitialRegisters[i] : 0);
        }

        cpu.Rip = vector.InitialIp;
        cpu.Rflags = vector.InitialFlags;

        var outcome = cpu.Step();
        var registers = new ulong[vector.FinalRegisters.Length];
        for (var i = 0; i < registers.Length; i++)
        {
            registers[i] = cpu.GetGpr(i);
        }

        var diff = OracleComparison.Describe(vector, registers, cpu.Rip, (uint)cpu.Rflags, machine.Memory.ReadByte);
        if (diff == null && outcome.Reason == StopReason.InstructionLimit)
        {
            return null;
        }

        return $"{diff ?? $"{vector.Source} {vector.Form}"}\n  {Disassemble(vector)} ({Convert.ToHexString(vector.Bytes)}), outcome {outcome.Reason}"
            + (outcome.Faults.Count > 0 ? $" {string.Join(", ", outcome.Faults)}" : string.Empty);
    }

    private static string Disassemble(OracleVector vector)
    {
        var decoder = Decoder.Create(vector.Mode, vector.Bytes, vector.InitialIp);
        decoder.Decode(out var instruction);
        var output = new StringOutput();
        new IntelFormatter().Format(instruction, output);
        return output.ToStringAndReset();
    }
}
