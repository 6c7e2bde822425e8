using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Tests.Machine.Devices;

public sealed class IsaDebugExitTests
{
    [Test]
    public void No_exit_is_requested_before_a_write()
    {
        var exit = new IsaDebugExit();
        Assert.That(exit.ExitRequested, Is.False);
    }

    [TestCase(0u, 1u)]
    [TestCase(1u, 3u)]
    [TestCase(0x10u, 0x21u)]
    [TestCase(0xFFu, 0x1FFu)]
    public void A_write_of_v_requests_exit_code_v_shifted_left_or_one(uint v, uint code)
    {
        var exit = new IsaDebugExit();
        exit.Out(0xF4, 1, v);
        Assert.That(exit.ExitRequested, Is.True);
        Assert.That(exit.ExitCode, Is.EqualTo(code));
    }

    [Test]
    public void A_one_byte_window_truncates_a_wide_write_to_a_byte()
    {
        var exit = new IsaDebugExit();
        exit.Out(0xF4, 4, 0x1234_5678);
        Assert.That(exit.ExitValue, Is.EqualTo(0x78u));
        Assert.That(exit.ExitCode, Is.EqualTo((0x78u << 1) | 1));
    }

    [Test]
    public void A_four_byte_window_keeps_the_whole_dword()
    {
        var exit = new IsaDebugExit(ioSize: 4);
        Assert.That(exit.Ports, Is.EqualTo(new[] { ((ushort)0xF4, 4) }));
        exit.Out(0xF4, 4, 0x0012_3456);
        Assert.That(exit.ExitCode, Is.EqualTo((0x0012_3456u << 1) | 1));
    }

    [Test]
    public void A_two_byte_window_truncates_a_dword_write_to_a_word()
    {
        var exit = new IsaDebugExit(ioSize: 2);
        exit.Out(0xF4, 4, 0xABCD_1234);
        Assert.That(exit.ExitValue, Is.EqualTo(0x1234u));
    }

    [TestCase(0)]
    [TestCase(3)]
    [TestCase(8)]
    public void Io_size_other_than_1_2_or_4_is_rejected(int size) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new IsaDebugExit(ioSize: size));

    [Test]
    public void Reads_return_zero_and_do_not_request_exit()
    {
        var exit = new IsaDebugExit();
        Assert.That(exit.In(0xF4, 1), Is.Zero);
        Assert.That(exit.ExitRequested, Is.False);
    }

    [Test]
    public void Reset_withdraws_the_request()
    {
        var exit = new IsaDebugExit();
        exit.Out(0xF4, 1, 5);
        exit.Reset();
        Assert.That(exit.ExitRequested, Is.False);
        Assert.That(exit.ExitCode, Is.Zero);
    }
}
