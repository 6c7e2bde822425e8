using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Tests.Machine.Devices;

public sealed class Pic8259PairTests
{
    private Pic8259Pair _pic = null!;

    [SetUp]
    public void SetUp()
    {
        _pic = new Pic8259Pair();
        InitializeLikeLinux(_pic, 0x20, 0x28);
    }

    /// <summary>The ICW sequence Linux's init_8259A writes (edge, cascade, 8086 mode).</summary>
    private static void InitializeLikeLinux(Pic8259Pair pic, byte masterBase, byte slaveBase)
    {
        pic.Out(0x20, 1, 0x11);
        pic.Out(0x21, 1, masterBase);
        pic.Out(0x21, 1, 0x04);
        pic.Out(0x21, 1, 0x01);
        pic.Out(0xA0, 1, 0x11);
        pic.Out(0xA1, 1, slaveBase);
        pic.Out(0xA1, 1, 0x02);
        pic.Out(0xA1, 1, 0x01);
    }

    private void Eoi(ushort port) => _pic.Out(port, 1, 0x20);

    private uint ReadIsr(ushort port)
    {
        _pic.Out(port, 1, 0x0B);
        return _pic.In(port, 1);
    }

    private uint ReadIrr(ushort port)
    {
        _pic.Out(port, 1, 0x0A);
        return _pic.In(port, 1);
    }

    [Test]
    public void Init_sequence_sets_vector_bases_and_completes()
    {
        Assert.That(_pic.Master.Initialized, Is.True);
        Assert.That(_pic.Slave.Initialized, Is.True);
        Assert.That(_pic.Master.VectorBase, Is.EqualTo((byte)0x20));
        Assert.That(_pic.Slave.VectorBase, Is.EqualTo((byte)0x28));
        Assert.That(_pic.Master.Icw3, Is.EqualTo((byte)0x04));
        Assert.That(_pic.Slave.Icw3, Is.EqualTo((byte)0x02));
    }

    [Test]
    public void Icw2_low_three_bits_are_ignored()
    {
        InitializeLikeLinux(_pic, 0x47, 0x7F);
        Assert.That(_pic.Master.VectorBase, Is.EqualTo((byte)0x40));
        Assert.That(_pic.Slave.VectorBase, Is.EqualTo((byte)0x78));
    }

    [Test]
    public void Single_mode_without_icw4_skips_icw3_and_icw4()
    {
        var pic = new Pic8259Pair();
        pic.Out(0x20, 1, 0x12);
        pic.Out(0x21, 1, 0x30);
        Assert.That(pic.Master.Initialized, Is.True);
        pic.Out(0x21, 1, 0xFE);
        Assert.That(pic.Master.Imr, Is.EqualTo((byte)0xFE), "the next data write is OCW1");
    }

    [Test]
    public void An_edge_delivers_its_vector_and_sets_isr()
    {
        _pic.SetIrq(1, true);
        Assert.That(_pic.HasPendingInterrupt, Is.True);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x21));
        Assert.That(ReadIsr(0x20), Is.EqualTo(0x02u));
        Assert.That(ReadIrr(0x20), Is.Zero);
        Assert.That(_pic.HasPendingInterrupt, Is.False);
    }

    [Test]
    public void A_held_edge_line_does_not_request_again_until_it_falls_and_rises()
    {
        _pic.SetIrq(1, true);
        _pic.Acknowledge();
        Eoi(0x20);
        Assert.That(_pic.HasPendingInterrupt, Is.False);
        _pic.SetIrq(1, false);
        _pic.SetIrq(1, true);
        Assert.That(_pic.HasPendingInterrupt, Is.True);
    }

    [Test]
    public void Masked_lines_are_not_delivered_but_stay_in_irr()
    {
        _pic.Out(0x21, 1, 0x02);
        _pic.SetIrq(1, true);
        Assert.That(_pic.HasPendingInterrupt, Is.False);
        Assert.That(ReadIrr(0x20), Is.EqualTo(0x02u));
        _pic.Out(0x21, 1, 0x00);
        Assert.That(_pic.HasPendingInterrupt, Is.True);
        Assert.That(_pic.In(0x21, 1), Is.Zero);
    }

    [Test]
    public void Lower_irq_numbers_win_under_fixed_priority()
    {
        _pic.SetIrq(5, true);
        _pic.SetIrq(3, true);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x23));
    }

    [Test]
    public void A_request_waits_while_a_higher_priority_is_in_service_and_preempts_a_lower_one()
    {
        _pic.SetIrq(3, true);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x23));
        _pic.SetIrq(5, true);
        Assert.That(_pic.HasPendingInterrupt, Is.False, "IRQ 5 waits behind IRQ 3 in service");
        _pic.SetIrq(0, true);
        Assert.That(_pic.HasPendingInterrupt, Is.True, "IRQ 0 nests above IRQ 3");
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x20));
        Eoi(0x20);
        Assert.That(_pic.HasPendingInterrupt, Is.False, "non-specific EOI ended IRQ 0 only");
        Eoi(0x20);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x25));
    }

    [Test]
    public void Specific_eoi_clears_the_named_level()
    {
        _pic.SetIrq(4, true);
        _pic.Acknowledge();
        _pic.SetIrq(1, true);
        _pic.Acknowledge();
        _pic.Out(0x20, 1, 0x64);
        Assert.That(ReadIsr(0x20), Is.EqualTo(0x02u));
    }

    [Test]
    public void Cascade_delivers_slave_vectors_and_needs_eoi_on_both_chips()
    {
        _pic.SetIrq(12, true);
        Assert.That(_pic.HasPendingInterrupt, Is.True);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x2C));
        Assert.That(ReadIsr(0xA0), Is.EqualTo(0x10u));
        Assert.That(ReadIsr(0x20), Is.EqualTo(0x04u));
        _pic.SetIrq(12, false);
        _pic.SetIrq(11, true);
        Assert.That(_pic.HasPendingInterrupt, Is.False, "IR2 is still in service on the master");
        Eoi(0xA0);
        Eoi(0x20);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x2B));
    }

    [Test]
    public void Slave_requests_rank_between_irq1_and_irq3()
    {
        _pic.SetIrq(3, true);
        _pic.SetIrq(8, true);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x28));
        _pic.SetIrq(1, true);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x21));
    }

    [Test]
    public void Masking_ir2_on_the_master_blocks_the_whole_slave()
    {
        _pic.Out(0x21, 1, 0x04);
        _pic.SetIrq(14, true);
        Assert.That(_pic.HasPendingInterrupt, Is.False);
    }

    [Test]
    public void Irq2_from_a_device_is_routed_to_irq9()
    {
        _pic.SetIrq(2, true);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x29));
    }

    [Test]
    public void A_master_request_that_vanishes_before_inta_gives_spurious_irq7_without_isr()
    {
        _pic.SetIrq(4, true);
        Assert.That(_pic.HasPendingInterrupt, Is.True);
        _pic.SetIrq(4, false);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x27));
        Assert.That(ReadIsr(0x20), Is.Zero);
        Assert.That(_pic.SpuriousCount, Is.EqualTo(1));
    }

    [Test]
    public void A_vanished_slave_request_drops_the_cascade_line_so_the_master_answers_irq7()
    {
        _pic.SetIrq(10, true);
        Assert.That(_pic.HasPendingInterrupt, Is.True);
        _pic.SetIrq(10, false);
        Assert.That(ReadIrr(0x20) & 0x04, Is.Zero, "the master's edge-triggered IR2 fell with the slave INT");
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x27));
        Assert.That(ReadIsr(0x20), Is.Zero);
    }

    [Test]
    public void A_slave_request_masked_before_inta_is_spurious_too()
    {
        _pic.SetIrq(10, true);
        _pic.Out(0xA1, 1, 0x04);
        Assert.That(_pic.HasPendingInterrupt, Is.False);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x27));
        _pic.Out(0xA1, 1, 0x00);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x2A), "unmasking presents the still-latched request again");
    }

    [Test]
    public void Acknowledge_with_nothing_pending_returns_the_master_spurious_vector()
    {
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x27));
    }

    [Test]
    public void Level_triggered_lines_via_elcr_request_while_high_and_reassert_after_eoi()
    {
        _pic.Out(0x4D1, 1, 0x08);
        Assert.That(_pic.In(0x4D1, 1), Is.EqualTo(0x08u));
        _pic.SetIrq(11, true);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x2B));
        Eoi(0xA0);
        Eoi(0x20);
        Assert.That(_pic.HasPendingInterrupt, Is.True, "the line is still high");
        _pic.SetIrq(11, false);
        Assert.That(_pic.HasPendingInterrupt, Is.False);
    }

    [Test]
    public void Elcr_bits_for_irq_0_1_2_8_and_13_are_not_writable()
    {
        _pic.Out(0x4D0, 1, 0xFF);
        _pic.Out(0x4D1, 1, 0xFF);
        Assert.That(_pic.In(0x4D0, 1), Is.EqualTo(0xF8u));
        Assert.That(_pic.In(0x4D1, 1), Is.EqualTo(0xDEu));
    }

    [Test]
    public void Icw1_ltim_makes_every_input_level_triggered()
    {
        var pic = new Pic8259Pair();
        pic.Out(0x20, 1, 0x19);
        pic.Out(0x21, 1, 0x08);
        pic.Out(0x21, 1, 0x04);
        pic.Out(0x21, 1, 0x01);
        pic.SetIrq(0, true);
        Assert.That(pic.Acknowledge(), Is.EqualTo((byte)0x08));
        pic.Out(0x20, 1, 0x20);
        Assert.That(pic.HasPendingInterrupt, Is.True);
    }

    [Test]
    public void Auto_eoi_leaves_isr_clear()
    {
        var pic = new Pic8259Pair();
        pic.Out(0x20, 1, 0x11);
        pic.Out(0x21, 1, 0x08);
        pic.Out(0x21, 1, 0x04);
        pic.Out(0x21, 1, 0x03);
        pic.SetIrq(6, true);
        Assert.That(pic.Acknowledge(), Is.EqualTo((byte)0x0E));
        pic.Out(0x20, 1, 0x0B);
        Assert.That(pic.In(0x20, 1), Is.Zero);
        Assert.That(pic.Master.AutoEoi, Is.True);
    }

    [Test]
    public void Rotate_on_non_specific_eoi_makes_the_served_level_lowest()
    {
        _pic.SetIrq(3, true);
        _pic.Acknowledge();
        _pic.Out(0x20, 1, 0xA0);
        Assert.That(_pic.Master.LowestPriority, Is.EqualTo(3));
        _pic.SetIrq(3, false);
        _pic.SetIrq(3, true);
        _pic.SetIrq(5, true);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x25), "IRQ 4 is now highest, then 5, ..., 3 lowest");
    }

    [Test]
    public void Set_priority_command_chooses_the_lowest_level()
    {
        _pic.Out(0x20, 1, 0xC4);
        _pic.SetIrq(4, true);
        _pic.SetIrq(5, true);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x25));
    }

    [Test]
    public void Special_mask_mode_lets_lower_levels_in_while_a_masked_level_is_in_service()
    {
        _pic.SetIrq(3, true);
        _pic.Acknowledge();
        _pic.SetIrq(6, true);
        Assert.That(_pic.HasPendingInterrupt, Is.False);
        _pic.Out(0x21, 1, 0x08);
        _pic.Out(0x20, 1, 0x68);
        Assert.That(_pic.Master.SpecialMask, Is.True);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x26));
    }

    [Test]
    public void Poll_command_acknowledges_and_reports_the_level()
    {
        _pic.SetIrq(5, true);
        _pic.Out(0x20, 1, 0x0C);
        Assert.That(_pic.In(0x20, 1), Is.EqualTo(0x85u));
        Assert.That(ReadIsr(0x20), Is.EqualTo(0x20u));
        _pic.Out(0x20, 1, 0x0C);
        Assert.That(_pic.In(0x20, 1), Is.Zero);
    }

    [Test]
    public void Icw1_clears_mask_and_in_service_state()
    {
        _pic.Out(0x21, 1, 0xFF);
        _pic.SetIrq(12, true);
        _pic.Out(0x21, 1, 0x00);
        _pic.Acknowledge();
        InitializeLikeLinux(_pic, 0x30, 0x38);
        Assert.That(_pic.In(0x21, 1), Is.Zero);
        Assert.That(ReadIsr(0x20), Is.Zero);
        Assert.That(ReadIsr(0xA0), Is.Zero);
    }

    [Test]
    public void Reset_keeps_the_input_line_levels_so_a_held_level_line_requests_again()
    {
        _pic.Out(0x4D1, 1, 0x08);
        _pic.SetIrq(11, true);
        _pic.Reset();
        InitializeLikeLinux(_pic, 0x20, 0x28);
        Assert.That(_pic.HasPendingInterrupt, Is.False, "ELCR is cleared by reset, so IRQ 11 is edge-triggered and needs a new edge");
        _pic.Out(0x4D1, 1, 0x08);
        Assert.That(_pic.Acknowledge(), Is.EqualTo((byte)0x2B), "level mode sees the line still held high");
    }

    [Test]
    public void Irq_numbers_outside_0_to_15_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _pic.SetIrq(16, true));
        Assert.Throws<ArgumentOutOfRangeException>(() => _pic.SetIrq(-1, true));
    }

    [Test]
    public void Snapshot_lists_both_chips_and_reset_returns_to_power_on()
    {
        _pic.Out(0x21, 1, 0xAA);
        var regs = _pic.Snapshot().Registers.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.That(regs["master.imr"], Is.EqualTo(0xAAul));
        Assert.That(regs["slave.vector_base"], Is.EqualTo(0x28ul));
        _pic.Reset();
        regs = _pic.Snapshot().Registers.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.That(regs["master.imr"], Is.Zero);
        Assert.That(regs["slave.vector_base"], Is.Zero);
    }
}
