using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

/// <summary>RET imm16 releases an unsigned byte count (Unicorn 2.0.1 sign-extends it; silicon does not).</summary>
public class ReturnImmediateTests
{
    [Test]
    public void Ret_imm16_above_0x7fff_releases_the_immediate_zero_extended()
    {
        var machine = GuestHarness.LongMode(a =>
        {
            var back = a.CreateLabel();
            a.mov(rsp, 0x20_0000);
            a.lea(rax, __[back]);
            a.push(rax);
            a.ret(0xFF01);
            a.Label(ref back);
            a.hlt();
        });
        GuestHarness.RunToHalt(machine);
        Assert.That(machine.Reg(Iced.Intel.Register.RSP), Is.EqualTo(0x20_0000UL + 0xFF01));
    }
}
