using Iced.Intel;

namespace KjTest.Runtime.Tests.Oracle;

public sealed class UndefinedFlagsTests
{
    private static uint MaskOf(byte[] bytes, byte cl = 0, int bits = 64)
    {
        Decoder.Create(bits, bytes).Decode(out var instruction);
        return UndefinedFlags.For(instruction, cl);
    }

    [Test]
    public void Add_leaves_nothing_undefined() => Assert.That(MaskOf([0x48, 0x01, 0xD8]), Is.Zero);

    [Test]
    public void Mul_leaves_sf_zf_af_pf_undefined() =>
        Assert.That(MaskOf([0x48, 0xF7, 0xE3]), Is.EqualTo(UndefinedFlags.Sf | UndefinedFlags.Zf | UndefinedFlags.Af | UndefinedFlags.Pf));

    [Test]
    public void Div_leaves_every_status_flag_undefined() => Assert.That(MaskOf([0x48, 0xF7, 0xF3]), Is.EqualTo(UndefinedFlags.AllStatus));

    [Test]
    public void Logic_leaves_af_undefined() => Assert.That(MaskOf([0x48, 0x21, 0xD8]), Is.EqualTo(UndefinedFlags.Af));

    [Test]
    public void Shift_by_one_leaves_only_af_undefined() => Assert.That(MaskOf([0x48, 0xD1, 0xE0]), Is.EqualTo(UndefinedFlags.Af));

    [Test]
    public void Shift_by_cl_zero_leaves_nothing_undefined() => Assert.That(MaskOf([0x48, 0xD3, 0xE0], cl: 0x40), Is.Zero);

    [Test]
    public void Shift_by_three_adds_of() => Assert.That(MaskOf([0x48, 0xC1, 0xE0, 0x03]), Is.EqualTo(UndefinedFlags.Af | UndefinedFlags.Of));

    [Test]
    public void Byte_shl_by_width_or_more_adds_cf_but_sar_does_not()
    {
        Assert.That(MaskOf([0xC0, 0xE0, 0x08]), Is.EqualTo(UndefinedFlags.Af | UndefinedFlags.Of | UndefinedFlags.Cf));
        Assert.That(MaskOf([0xC0, 0xF8, 0x08]), Is.EqualTo(UndefinedFlags.Af | UndefinedFlags.Of));
    }

    [Test]
    public void Rotate_leaves_of_undefined_only_beyond_one()
    {
        Assert.That(MaskOf([0x48, 0xD1, 0xC0]), Is.Zero);
        Assert.That(MaskOf([0x48, 0xC1, 0xC0, 0x05]), Is.EqualTo(UndefinedFlags.Of));
        Assert.That(MaskOf([0x48, 0xD3, 0xD0], cl: 0x20), Is.EqualTo(UndefinedFlags.Of), "RCL r64 masks the count to 6 bits");
        Assert.That(MaskOf([0xD3, 0xD0], cl: 0x20), Is.Zero, "RCL r32 masks 0x20 to 0");
    }

    [Test]
    public void Bit_scan_and_bit_test_masks()
    {
        Assert.That(MaskOf([0x48, 0x0F, 0xBC, 0xC3]), Is.EqualTo(UndefinedFlags.Cf | UndefinedFlags.Of | UndefinedFlags.Sf | UndefinedFlags.Af | UndefinedFlags.Pf));
        Assert.That(MaskOf([0xF3, 0x48, 0x0F, 0xBC, 0xC3]), Is.EqualTo(UndefinedFlags.Of | UndefinedFlags.Sf | UndefinedFlags.Af | UndefinedFlags.Pf));
        Assert.That(MaskOf([0x48, 0x0F, 0xA3, 0xD8]), Is.EqualTo(UndefinedFlags.Of | UndefinedFlags.Sf | UndefinedFlags.Af | UndefinedFlags.Pf));
    }

    [Test]
    public void Shld_beyond_the_operand_width_leaves_everything_undefined() =>
        Assert.That(MaskOf([0x66, 0x0F, 0xA4, 0xD8, 0x11], bits: 32), Is.EqualTo(UndefinedFlags.AllStatus));
}
