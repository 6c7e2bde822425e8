namespace KjTest.Runtime.Tests.Oracle;

public sealed class OracleComparisonTests
{
    private const string Sample = """
        # mode: 64
        # family: shift
        Shl_rm64_imm8 48c1e003 rax=1 rip=108000 fl=2 > rax=8 rip=108004 fl=2
        Mov_rm64_r64 48890b rbx=200800 rcx=5 rip=108000 fl=2 m=200800:0000000000000000 > rip=108003 fl=2 m=200800:0500000000000000

        """;

    private static readonly IReadOnlyList<OracleVector> Vectors = OracleVectorReader.Parse(Sample, "sample.txt").Vectors;

    [Test]
    public void The_recorded_final_state_matches()
    {
        var v = Vectors[1];
        var memory = new Dictionary<ulong, byte> { [0x200800] = 5 };
        Assert.That(OracleComparison.Describe(v, v.FinalRegisters, v.FinalIp, v.FinalFlags, a => memory.GetValueOrDefault(a)), Is.Null);
    }

    [Test]
    public void Undefined_flags_are_ignored_but_defined_ones_are_not()
    {
        var v = Vectors[0];
        Assert.That(v.UndefinedFlagsMask, Is.EqualTo(UndefinedFlags.Af | UndefinedFlags.Of));
        Assert.That(OracleComparison.Describe(v, v.FinalRegisters, v.FinalIp, v.FinalFlags | UndefinedFlags.Of | UndefinedFlags.Af, _ => 0), Is.Null);
        Assert.That(OracleComparison.Describe(v, v.FinalRegisters, v.FinalIp, v.FinalFlags | UndefinedFlags.Cf, _ => 0), Does.Contain("flags"));
    }

    [Test]
    public void Register_ip_and_memory_differences_are_each_reported()
    {
        var v = Vectors[1];
        var registers = (ulong[])v.FinalRegisters.Clone();
        registers[3] = 0;
        var message = OracleComparison.Describe(v, registers, v.FinalIp + 1, v.FinalFlags, _ => 0);
        Assert.That(message, Does.StartWith("sample.txt:4 Mov_rm64_r64"));
        Assert.That(message, Does.Contain("r3: expected 0x200800, got 0x0"));
        Assert.That(message, Does.Contain("ip: expected 0x108003"));
        Assert.That(message, Does.Contain("[0x200800]: expected 0x05, got 0x00"));
    }
}
