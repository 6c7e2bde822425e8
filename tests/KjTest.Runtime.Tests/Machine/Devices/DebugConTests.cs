using KjTest.Runtime.Machine.Bus;
using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Tests.Machine.Devices;

public sealed class DebugConTests
{
    [Test]
    public void Bytes_written_to_port_e9_are_captured_in_order()
    {
        var con = new DebugCon();
        foreach (var c in "hi\n")
        {
            con.Out(0xE9, 1, c);
        }

        Assert.That(con.OutputText, Is.EqualTo("hi\n"));
        Assert.That(con.Output, Is.EqualTo(new byte[] { (byte)'h', (byte)'i', (byte)'\n' }));
    }

    [Test]
    public void Only_the_low_byte_of_a_wide_write_is_output()
    {
        var con = new DebugCon();
        con.Out(0xE9, 4, 0x1234_5641);
        Assert.That(con.OutputText, Is.EqualTo("A"));
    }

    [Test]
    public void Reads_return_the_qemu_readback_value()
    {
        var con = new DebugCon();
        Assert.That(con.In(0xE9, 1), Is.EqualTo(0xE9u));
        Assert.That(con.In(0xE9, 2) & 0xFF, Is.EqualTo(0xE9u));
    }

    [Test]
    public void Sink_receives_each_byte_as_written()
    {
        var seen = new List<byte>();
        var con = new DebugCon(sink: seen.Add);
        con.Out(0xE9, 1, 0x41);
        con.Out(0xE9, 1, 0x42);
        Assert.That(seen, Is.EqualTo(new byte[] { 0x41, 0x42 }));
    }

    [Test]
    public void Reset_clears_the_output()
    {
        var con = new DebugCon();
        con.Out(0xE9, 1, 0x41);
        con.Reset();
        Assert.That(con.Output, Is.Empty);
        Assert.That(con.Snapshot().Registers, Does.Contain(new KeyValuePair<string, ulong>("output_length", 0)));
    }

    [Test]
    public void Output_through_the_bus_reaches_the_console()
    {
        var bus = new IoBus();
        var con = new DebugCon();
        bus.Attach(con);
        bus.Out(0xE9, 1, 'x');
        Assert.That(con.OutputText, Is.EqualTo("x"));
        Assert.That(bus.In(0xE9, 1), Is.EqualTo(0xE9u));
    }
}
