using Iced.Intel;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

public class ProtectedMode32Tests
{
    [Test]
    public void Pushad_and_popad_save_and_restore_all_registers()
    {
        var m = GuestHarness.Protected32(a =>
        {
            a.mov(eax, 1);
            a.mov(ecx, 2);
            a.mov(edx, 3);
            a.mov(ebx, 4);
            a.mov(ebp, 6);
            a.mov(esi, 7);
            a.mov(edi, 8);
            a.pushad();
            a.mov(edi, __dword_ptr[esp + 12]);
            a.xor(eax, eax);
            a.xor(ecx, ecx);
            a.popad();
            a.hlt();
        });
        var stackTop = m.Cpu.GetGpr(4);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.EAX), Is.EqualTo(1UL));
        Assert.That(m.Reg(Register.ECX), Is.EqualTo(2UL));
        Assert.That(m.Reg(Register.EDI), Is.EqualTo(8UL));
        Assert.That(m.Reg(Register.ESP), Is.EqualTo(stackTop));
    }

    [Test]
    public void Xlat_and_loopne_walk_a_table()
    {
        var m = GuestHarness.Protected32(a =>
        {
            var top = a.CreateLabel();
            a.mov(ebx, 0x3000);
            a.mov(al, 2);
            a.xlatb();
            a.mov(dl, al);
            a.mov(ecx, 10);
            a.mov(esi, 0x3000);
            a.Label(ref top);
            a.lodsb();
            a.cmp(al, 0x33);
            a.loopne(top);
            a.hlt();
        });
        m.Load(0x3000, [0x11, 0x22, 0x33, 0x44]);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.DL), Is.EqualTo(0x33UL));
        Assert.That(m.Reg(Register.ECX), Is.EqualTo(7UL));
    }

    [Test]
    public void Far_jump_reloads_cs_from_the_gdt()
    {
        var m = GuestHarness.Protected32(a =>
        {
            a.jmp(0x08, 0x10_0100);
        });
        GuestHarness.Load(m, 32, a =>
        {
            a.mov(eax, cs);
            a.hlt();
        }, 0x10_0100);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Rax(), Is.EqualTo(0x08UL));
    }

    [Test]
    public void Ltr_marks_the_tss_descriptor_busy_and_a_second_ltr_faults()
    {
        var m = GuestHarness.Protected32(a =>
        {
            a.mov(ax, 0x38);
            a.ltr(ax);
            a.str(bx);
            a.ltr(ax);
            a.hlt();
        });
        var gdt = m.Cpu.Gdtr.Base;
        m.Memory.WriteUInt64(gdt + 0x38, 0x0000_8900_2000_0067);
        m.Cpu.Gdtr = m.Cpu.Gdtr with { Limit = 0x3F };
        var outcome = m.Run(new ExecutionLimits(10, StopOnException: true));
        Assert.That(m.Reg(Register.BX), Is.EqualTo(0x38UL));
        Assert.That((m.Memory.ReadUInt64(gdt + 0x38) >> 40) & 0xF, Is.EqualTo(0xBUL));
        Assert.That(m.Cpu.Tr.Base, Is.EqualTo(0x2000UL));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(13));
        Assert.That(outcome.Faults[0].ErrorCode, Is.EqualTo(0x38u));
    }

    [Test]
    public void Sixteen_bit_operands_leave_the_upper_register_bits()
    {
        var m = GuestHarness.Protected32(a =>
        {
            a.mov(eax, 0x1234_FFFFu);
            a.add(ax, 1);
            a.setc(cl);
            a.mov(edx, 0xAAAA_0000u);
            a.movsx(dx, __byte_ptr[0x3000]);
            a.cwd();
            a.hlt();
        });
        m.Load(0x3000, [0x80]);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.EAX), Is.EqualTo(0x1234_0000UL));
        Assert.That(m.Reg(Register.CL), Is.EqualTo(1UL));
        Assert.That(m.Reg(Register.EDX), Is.EqualTo(0xAAAA_0000UL), "cwd replaced DX with the sign of AX (0)");
    }

    [Test]
    public void Cmpxchg8b_loads_the_current_value_when_different()
    {
        var m = GuestHarness.Protected32(a =>
        {
            a.mov(__dword_ptr[0x3000], 5);
            a.mov(__dword_ptr[0x3004], 6);
            a.xor(eax, eax);
            a.xor(edx, edx);
            a.cmpxchg8b(__qword_ptr[0x3000]);
            a.setz(bl);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.EAX), Is.EqualTo(5UL));
        Assert.That(m.Reg(Register.EDX), Is.EqualTo(6UL));
        Assert.That(m.Reg(Register.BL), Is.Zero);
    }

    [Test]
    public void Loading_a_null_stack_segment_in_protected_mode_faults()
    {
        var m = GuestHarness.Protected32(a =>
        {
            a.xor(eax, eax);
            a.mov(ss, ax);
            a.hlt();
        });
        var outcome = m.Run(new ExecutionLimits(10, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(13));
        Assert.That(m.Cpu.GetSegment(SegmentRegister.Ss).Selector, Is.EqualTo(MachineSetup.KernelData));
    }
}
