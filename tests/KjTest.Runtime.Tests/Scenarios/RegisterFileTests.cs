using KjTest.Runtime.Machine;
using KjTest.Runtime.Scenarios;

namespace KjTest.Runtime.Tests.Scenarios;

public class RegisterFileTests
{
    [TestCase("rbx", 0x1122334455667788UL)]
    [TestCase("r15", 0x42UL)]
    [TestCase("cr2", 0xdead000UL)]
    [TestCase("gdtr.base", 0xffff888000102000UL)]
    [TestCase("gdtr.limit", 0x7fUL)]
    [TestCase("ss", 0x18UL)]
    [TestCase("gs.base", 0x1234UL)]
    [TestCase("msr.kernel_gs_base", 0x5678UL)]
    [TestCase("dr3", 0x9000UL)]
    [TestCase("mxcsr", 0x1f80UL)]
    public void Set_then_get_round_trips(string name, ulong value)
    {
        var cpu = new MachineBuilder().WithMemory(1 << 20).Build().Cpu;

        Assert.That(RegisterFile.TrySet(cpu, name, value), Is.True);
        Assert.That(RegisterFile.TryGet(cpu, name, out var read), Is.True);
        Assert.That(read, Is.EqualTo((UInt128)value));
    }

    [Test]
    public void Xmm_registers_hold_128_bits()
    {
        var cpu = new MachineBuilder().WithMemory(1 << 20).Build().Cpu;
        var value = ((UInt128)0x0123456789abcdefUL << 64) | 0xfedcba9876543210UL;

        RegisterFile.TrySet(cpu, "xmm7", value);

        Assert.That(RegisterFile.TryGet(cpu, "xmm7", out var read) && read == value, Is.True);
    }

    [Test]
    public void Unknown_names_are_refused()
    {
        var cpu = new MachineBuilder().WithMemory(1 << 20).Build().Cpu;

        Assert.That(RegisterFile.TryGet(cpu, "zmm0", out _), Is.False);
        Assert.That(RegisterFile.TrySet(cpu, "cr9", 1), Is.False);
    }
}
