using Iced.Intel;

namespace KjTest.Runtime.Tests.Oracle;

public sealed class OracleVectorReaderTests
{
    private const string Sample = """
        # mode: 64
        # family: arith
        Add_rm64_r64 4801d8 rax=ffffffffffffffff rbx=1 rip=108000 fl=2 > rax=0 rip=108003 fl=57
        Mov_rm64_r64 48890b rbx=200800 rcx=5 rip=108000 fl=2 m=200800:0000000000000000 > rip=108003 fl=2 m=200800:0500000000000000

        """;

    private static IReadOnlyList<OracleVectorFile>? _files64;
    private static IReadOnlyList<OracleVectorFile>? _files32;

    private static IReadOnlyList<OracleVectorFile> Files64 => _files64 ??= OracleVectorReader.LoadMode(OracleVectorReader.DefaultRoot, "x86_64");

    private static IReadOnlyList<OracleVectorFile> Files32 => _files32 ??= OracleVectorReader.LoadMode(OracleVectorReader.DefaultRoot, "i386");

    private static IEnumerable<OracleVector> All => Files64.Concat(Files32).SelectMany(f => f.Vectors);

    [Test]
    public void A_case_line_parses_into_initial_and_final_state()
    {
        var file = OracleVectorReader.Parse(Sample, "sample.txt");
        Assert.That(file.Vectors, Has.Count.EqualTo(2));
        var add = file.Vectors[0];
        Assert.That(add.Bytes, Is.EqualTo(new byte[] { 0x48, 0x01, 0xD8 }));
        Assert.That(add.InitialRegisters[0], Is.EqualTo(ulong.MaxValue));
        Assert.That(add.InitialRegisters[3], Is.EqualTo(1ul));
        Assert.That(add.FinalRegisters[0], Is.Zero);
        Assert.That(add.FinalRegisters[3], Is.EqualTo(1ul), "registers absent on the right are unchanged");
        Assert.That(add.FinalIp, Is.EqualTo(0x108003ul));
        Assert.That(add.FinalFlags, Is.EqualTo(0x57u));
        Assert.That(add.UndefinedFlagsMask, Is.Zero);
        var mov = file.Vectors[1];
        Assert.That(mov.InitialMemory.Single().Address, Is.EqualTo(0x200800ul));
        Assert.That(mov.FinalMemory.Single().Bytes[0], Is.EqualTo((byte)5));
        Assert.That(mov.Source, Is.EqualTo("sample.txt:4"));
    }

    [TestCase("Add_rm64_r64 4801d8 rax=1 fl=2 > rip=108003 fl=2", TestName = "Missing_ip_is_rejected")]
    [TestCase("Add_rm64_r64 4801d8 rip=108000 fl=2", TestName = "Missing_arrow_is_rejected")]
    [TestCase("Add_rm64_r64 4801d8 zax=1 rip=108000 fl=2 > rip=108003 fl=2", TestName = "Unknown_register_is_rejected")]
    [TestCase("Add_rm64_r64 4801d8 rax=xyz rip=108000 fl=2 > rip=108003 fl=2", TestName = "Bad_hex_is_rejected")]
    [TestCase("Add_rm64_r64 4801 rip=108000 fl=2 > rip=108003 fl=2", TestName = "Truncated_instruction_bytes_are_rejected")]
    public void Malformed_lines_are_reported_with_their_location(string line)
    {
        var ex = Assert.Throws<FormatException>(() => OracleVectorReader.Parse("# mode: 64\n# family: arith\n" + line + "\n", "bad.txt"));
        Assert.That(ex!.Message, Does.StartWith("bad.txt:3:"));
    }

    [Test]
    public void Stored_64_bit_vectors_number_at_least_20000()
    {
        Assert.That(Files64.Sum(f => f.Vectors.Count), Is.GreaterThanOrEqualTo(20_000));
    }

    [Test]
    public void Stored_32_bit_vectors_number_at_least_5000()
    {
        Assert.That(Files32.Sum(f => f.Vectors.Count), Is.GreaterThanOrEqualTo(5_000));
    }

    [Test]
    public void Every_file_header_names_generator_seed_oracle_mode_and_family()
    {
        foreach (var file in Files64.Concat(Files32))
        {
            Assert.That(file.Header.Keys, Is.SupersetOf(new[] { "generator", "seed", "oracle", "mode", "family", "layout" }), file.Path);
            Assert.That(file.Header["oracle"], Is.AnyOf("unicorn", "host-cpu"), file.Path);
            if (file.Header["oracle"] == "unicorn")
            {
                Assert.That(file.Header["unicorn"], Does.StartWith("2."), file.Path);
            }

            Assert.That(file.Header["cases"], Does.StartWith(file.Vectors.Count + ";"), file.Path);
        }
    }

    [Test]
    public void Both_modes_cover_the_same_unicorn_families_and_64_bit_adds_the_host_only_ones()
    {
        var families64 = Files64.Select(f => Path.GetFileNameWithoutExtension(f.Path)).ToList();
        var families32 = Files32.Select(f => Path.GetFileNameWithoutExtension(f.Path)).ToList();
        Assert.That(families64.Except(families32), Is.EquivalentTo(new[] { "movbe", "popcnt" }));
        Assert.That(families32.Except(families64), Is.Empty);
        Assert.That(families64, Is.SupersetOf(new[] { "arith", "mov", "muldiv", "shift", "rotate", "string", "branch", "stack", "bitscan" }));
    }

    [Test]
    public void Every_case_decodes_to_the_form_it_names()
    {
        foreach (var v in All)
        {
            var decoder = Decoder.Create(v.Mode, v.Bytes);
            decoder.Decode(out var instruction);
            if (instruction.Code.ToString() != v.Form)
            {
                Assert.Fail($"{v.Source}: {v.Form} decodes as {instruction.Code}");
            }
        }
    }

    [Test]
    public void Written_bytes_are_among_the_bytes_recorded_before()
    {
        foreach (var v in All)
        {
            var before = v.InitialMemory.SelectMany(r => Enumerable.Range(0, r.Bytes.Length).Select(i => r.Address + (ulong)i)).ToHashSet();
            foreach (var run in v.FinalMemory)
            {
                for (var i = 0; i < run.Bytes.Length; i++)
                {
                    if (!before.Contains(run.Address + (ulong)i))
                    {
                        Assert.Fail($"{v.Source}: byte 0x{run.Address + (ulong)i:x} written but not recorded before");
                    }
                }
            }
        }
    }

    [Test]
    public void Instruction_pointer_advances_by_the_length_unless_the_instruction_branches()
    {
        foreach (var v in All.Where(v => v.Family != "branch"))
        {
            if (v.FinalIp != v.InitialIp + (ulong)v.Bytes.Length)
            {
                Assert.Fail($"{v.Source}: ip 0x{v.InitialIp:x} -> 0x{v.FinalIp:x} for {v.Bytes.Length} bytes");
            }
        }
    }

    [Test]
    public void Shift_vectors_include_zero_one_and_large_counts()
    {
        var shifts = Files64.Single(f => f.Path.EndsWith("shift.txt", StringComparison.Ordinal)).Vectors;
        var masks = shifts.Select(v => v.UndefinedFlagsMask).ToHashSet();
        Assert.That(masks, Does.Contain(0u), "count 0 leaves nothing undefined");
        Assert.That(masks, Does.Contain(UndefinedFlags.Af), "count 1");
        Assert.That(masks, Does.Contain(UndefinedFlags.Af | UndefinedFlags.Of), "count > 1");
        Assert.That(masks, Does.Contain(UndefinedFlags.Af | UndefinedFlags.Of | UndefinedFlags.Cf), "count >= width for SHL/SHR");
    }
}
