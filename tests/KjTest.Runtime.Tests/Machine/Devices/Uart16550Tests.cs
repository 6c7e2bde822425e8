using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Tests.Machine.Devices;

public sealed class Uart16550Tests
{
    private const ushort Base = 0x3F8;
    private const ushort Thr = Base;
    private const ushort Ier = Base + 1;
    private const ushort Iir = Base + 2;
    private const ushort Lcr = Base + 3;
    private const ushort Mcr = Base + 4;
    private const ushort Lsr = Base + 5;
    private const ushort Msr = Base + 6;
    private const ushort Scr = Base + 7;

    private RecordingIrqLine _line = null!;
    private Uart16550 _uart = null!;

    [SetUp]
    public void SetUp()
    {
        _line = new RecordingIrqLine();
        _uart = new Uart16550(irqLine: _line);
    }

    private uint Read(ushort port) => _uart.In(port, 1);

    private void Write(ushort port, uint value) => _uart.Out(port, 1, value);

    [Test]
    public void Power_on_registers_match_the_16550_reset_state()
    {
        Assert.That(Read(Ier), Is.Zero);
        Assert.That(Read(Iir), Is.EqualTo(0x01u));
        Assert.That(Read(Lcr), Is.Zero);
        Assert.That(Read(Mcr), Is.Zero);
        Assert.That(Read(Lsr), Is.EqualTo(0x60u));
        Assert.That(Read(Msr), Is.EqualTo(0xB0u));
    }

    [Test]
    public void Transmitted_bytes_are_captured_and_thre_stays_set()
    {
        var sunk = new List<byte>();
        var uart = new Uart16550(sink: sunk.Add);
        uart.Out(Thr, 1, 'o');
        uart.Out(Thr, 1, 'k');
        Assert.That(uart.TransmittedText, Is.EqualTo("ok"));
        Assert.That(sunk, Has.Count.EqualTo(2));
        Assert.That(uart.In(Lsr, 1) & 0x60, Is.EqualTo(0x60u));
    }

    [Test]
    public void Dlab_switches_ports_0_and_1_to_the_divisor_latch()
    {
        Write(Lcr, 0x83);
        Write(Thr, 0x01);
        Write(Ier, 0x00);
        Assert.That(Read(Thr), Is.EqualTo(0x01u));
        Assert.That(Read(Ier), Is.Zero);
        Write(Lcr, 0x03);
        Assert.That(_uart.Divisor, Is.EqualTo((ushort)1));
        Assert.That(_uart.Transmitted, Is.Empty);
        Assert.That(Read(Lcr), Is.EqualTo(0x03u));
    }

    [Test]
    public void Scratch_register_holds_its_value()
    {
        Write(Scr, 0x5A);
        Assert.That(Read(Scr), Is.EqualTo(0x5Au));
    }

    [Test]
    public void Received_byte_sets_data_ready_until_read()
    {
        _uart.Receive("Z"u8);
        Assert.That(Read(Lsr) & 1, Is.EqualTo(1u));
        Assert.That(Read(Thr), Is.EqualTo((uint)'Z'));
        Assert.That(Read(Lsr) & 1, Is.Zero);
    }

    [Test]
    public void Without_fifo_queued_input_is_delivered_one_byte_at_a_time_without_overrun()
    {
        _uart.Receive("abc"u8);
        var got = new List<uint>();
        while ((Read(Lsr) & 1) != 0)
        {
            got.Add(Read(Thr));
        }

        Assert.That(got, Is.EqualTo(new uint[] { 'a', 'b', 'c' }));
        Assert.That(Read(Lsr) & 0x02, Is.Zero, "host input never overruns");
    }

    [Test]
    public void Iir_reports_fifo_enabled_bits_after_fcr_enable()
    {
        Write(Iir, 0x01);
        Assert.That(Read(Iir) & 0xC0, Is.EqualTo(0xC0u));
        Write(Iir, 0x00);
        Assert.That(Read(Iir) & 0xC0, Is.Zero);
    }

    [Test]
    public void Rx_interrupt_needs_ier_and_out2_to_reach_the_line()
    {
        Write(Ier, 0x01);
        _uart.Receive("x"u8);
        Assert.That(Read(Iir) & 0x0F, Is.EqualTo(0x04u), "the UART flags the interrupt internally");
        Assert.That(_line.Levels[4], Is.False, "OUT2 clear keeps the PC's IRQ gate closed");
        Write(Mcr, 0x08);
        Assert.That(_line.Levels[4], Is.True);
        Read(Thr);
        Assert.That(_line.Levels[4], Is.False);
        Assert.That(Read(Iir), Is.EqualTo(0x01u));
    }

    [Test]
    public void Enabling_thri_with_an_empty_holding_register_raises_an_interrupt_that_reading_iir_clears()
    {
        Write(Mcr, 0x08);
        Write(Ier, 0x02);
        Assert.That(_line.Levels[4], Is.True);
        Assert.That(Read(Iir), Is.EqualTo(0x02u));
        Assert.That(_line.Levels[4], Is.False);
        Assert.That(Read(Iir), Is.EqualTo(0x01u));
    }

    [Test]
    public void Each_transmitted_byte_raises_thre_again()
    {
        Write(Mcr, 0x08);
        Write(Ier, 0x02);
        Read(Iir);
        Write(Thr, 'a');
        Assert.That(_line.Levels[4], Is.True);
        Assert.That(Read(Iir), Is.EqualTo(0x02u));
    }

    [Test]
    public void Rx_data_has_priority_over_thre()
    {
        Write(Mcr, 0x08);
        Write(Ier, 0x03);
        _uart.Receive("q"u8);
        Assert.That(Read(Iir), Is.EqualTo(0x04u));
        Read(Thr);
        Assert.That(Read(Iir), Is.EqualTo(0x02u));
    }

    [Test]
    public void Fifo_trigger_level_holds_the_rx_interrupt_until_reached_or_input_stops()
    {
        Write(Iir, 0x41);
        Write(Ier, 0x01);
        _uart.Receive("abc"u8);
        Assert.That(Read(Iir), Is.EqualTo(0xCCu), "three bytes below the trigger of four: character timeout");
        _uart.Receive("d"u8);
        Assert.That(Read(Iir), Is.EqualTo(0xC4u), "trigger level reached");
    }

    [Test]
    public void Fifo_accepts_sixteen_bytes_and_keeps_the_rest_queued()
    {
        Write(Iir, 0x01);
        _uart.Receive(new byte[20]);
        Assert.That(_uart.PendingInput, Is.EqualTo(20));
        var snapshot = _uart.Snapshot().Registers.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.That(snapshot["rx_fifo_count"], Is.EqualTo(16ul));
        Assert.That(snapshot["host_input_count"], Is.EqualTo(4ul));
    }

    [Test]
    public void Fcr_clear_rx_discards_the_fifo()
    {
        Write(Iir, 0x01);
        _uart.Receive("abc"u8);
        Write(Iir, 0x03);
        Assert.That(Read(Lsr) & 1, Is.Zero);
    }

    [Test]
    public void Loopback_returns_transmitted_bytes_to_the_receiver_and_not_the_line()
    {
        Write(Mcr, 0x10);
        Write(Thr, 0xAE);
        Assert.That(_uart.Transmitted, Is.Empty);
        Assert.That(Read(Lsr) & 1, Is.EqualTo(1u));
        Assert.That(Read(Thr), Is.EqualTo(0xAEu));
    }

    [Test]
    public void Loopback_overrun_sets_oe_which_a_lsr_read_clears()
    {
        Write(Mcr, 0x10);
        Write(Thr, 1);
        Write(Thr, 2);
        Assert.That(Read(Lsr) & 0x02, Is.EqualTo(0x02u));
        Assert.That(Read(Lsr) & 0x02, Is.Zero);
        Assert.That(Read(Thr), Is.EqualTo(1u), "the first byte is kept");
    }

    [Test]
    public void Loopback_wires_modem_outputs_to_modem_inputs_with_deltas()
    {
        Write(Mcr, 0x10);
        var first = Read(Msr);
        Assert.That(first & 0xF0, Is.Zero);
        Write(Mcr, 0x1F);
        var msr = Read(Msr);
        Assert.That(msr & 0xF0, Is.EqualTo(0xF0u), "CTS, DSR, RI and DCD follow RTS, DTR, OUT1 and OUT2");
        Assert.That(msr & 0x0B, Is.EqualTo(0x0Bu), "DCTS, DDSR and DDCD are set");
        Assert.That(Read(Msr) & 0x0F, Is.Zero, "a read clears the deltas");
        Write(Mcr, 0x1B);
        Assert.That(Read(Msr) & 0x04, Is.EqualTo(0x04u), "TERI on the trailing edge of RI");
    }

    [Test]
    public void Loopback_keeps_the_irq_off_the_line()
    {
        Write(Ier, 0x01);
        Write(Mcr, 0x18);
        Write(Thr, 'x');
        Assert.That(Read(Iir), Is.EqualTo(0x04u));
        Assert.That(_line.Levels[4], Is.False);
    }

    [Test]
    public void Modem_status_interrupt_reports_id_zero()
    {
        Write(Ier, 0x08);
        Write(Mcr, 0x10);
        Write(Mcr, 0x12);
        Assert.That(Read(Iir), Is.EqualTo(0x00u));
        Read(Msr);
        Assert.That(Read(Iir), Is.EqualTo(0x01u));
    }

    [Test]
    public void Line_status_interrupt_outranks_data()
    {
        Write(Ier, 0x05);
        Write(Mcr, 0x10);
        Write(Thr, 1);
        Write(Thr, 2);
        Assert.That(Read(Iir), Is.EqualTo(0x06u));
        Read(Lsr);
        Assert.That(Read(Iir), Is.EqualTo(0x04u));
    }

    [Test]
    public void Reset_lowers_the_irq_and_restores_power_on_state()
    {
        Write(Mcr, 0x08);
        Write(Ier, 0x02);
        Assert.That(_line.Levels[4], Is.True);
        _uart.Reset();
        Assert.That(_line.Levels[4], Is.False);
        Assert.That(Read(Ier), Is.Zero);
        Assert.That(_uart.Divisor, Is.EqualTo((ushort)0x0C));
    }

    [Test]
    public void A_word_access_reaches_two_consecutive_registers()
    {
        _uart.Out(Lcr, 2, 0x0B03);
        Assert.That(Read(Lcr), Is.EqualTo(0x03u));
        Assert.That(Read(Mcr), Is.EqualTo(0x0Bu));
        Assert.That(_uart.In(Scr, 2) & 0xFF00, Is.EqualTo(0xFF00u), "the byte past the window floats high");
    }

    [Test]
    public void Snapshot_names_every_register()
    {
        var names = _uart.Snapshot().Registers.Select(kv => kv.Key);
        Assert.That(names, Is.SupersetOf(new[] { "rbr", "ier", "iir", "fcr", "lcr", "mcr", "lsr", "msr", "scr", "dll", "dlm" }));
    }
}
