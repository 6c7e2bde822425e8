namespace KjTest.Runtime.Tests.Oracle;

public sealed class UnicornEngineTests
{
    private const ulong Code = 0x1000;
    private const ulong Data = 0x10000;

    [SetUp]
    public void RequireUnicorn()
    {
        if (!UnicornEngine.IsAvailable)
        {
            Assert.Ignore("libunicorn.so.2 is not installed (Debian package libunicorn2); the Unicorn oracle cannot run here.");
        }
    }

    private static UnicornEngine Open(UnicornMode mode)
    {
        var uc = new UnicornEngine(mode);
        uc.Map(Code, 0x1000);
        uc.Map(Data, 0x1000);
        return uc;
    }

    [Test]
    public void Add_in_64_bit_mode_updates_rax_rip_and_flags()
    {
        using var uc = Open(UnicornMode.Bits64);
        uc.Write(Code, [0x48, 0x01, 0xD8]);
        uc.Set(UnicornRegister.Rax, 0xFFFF_FFFF_FFFF_FFFF);
        uc.Set(UnicornRegister.Rbx, 1);
        uc.Set(UnicornRegister.Eflags, 0x2);
        Assert.That(uc.Step(Code), Is.Zero);
        Assert.That(uc.Get(UnicornRegister.Rax), Is.Zero);
        Assert.That(uc.Get(UnicornRegister.Rip), Is.EqualTo(Code + 3));
        var flags = uc.Get(UnicornRegister.Eflags);
        Assert.That(flags & 0x1, Is.EqualTo(1ul), "CF");
        Assert.That(flags & 0x40, Is.EqualTo(0x40ul), "ZF");
    }

    [Test]
    public void A_32_bit_write_to_a_register_stays_32_bits_wide()
    {
        using var uc = Open(UnicornMode.Bits32);
        uc.Write(Code, [0x01, 0xD8]);
        uc.Set(UnicornRegister.Eax, 0x7FFF_FFFF);
        uc.Set(UnicornRegister.Ebx, 1);
        uc.Set(UnicornRegister.Eflags, 0x2);
        Assert.That(uc.Step(Code), Is.Zero);
        Assert.That(uc.Get(UnicornRegister.Eax), Is.EqualTo(0x8000_0000ul));
        Assert.That(uc.Get(UnicornRegister.Eip), Is.EqualTo(Code + 2));
        Assert.That(uc.Get(UnicornRegister.Eflags) & 0x800, Is.EqualTo(0x800ul), "OF");
    }

    [Test]
    public void Memory_writes_are_recorded_and_visible()
    {
        using var uc = Open(UnicornMode.Bits64);
        uc.Write(Code, [0x48, 0x89, 0x03]);
        uc.Set(UnicornRegister.Rax, 0x1122_3344_5566_7788);
        uc.Set(UnicornRegister.Rbx, Data + 8);
        Assert.That(uc.Step(Code), Is.Zero);
        Assert.That(uc.Accesses, Is.EqualTo(new[] { (Data + 8, 8, true) }));
        var bytes = new byte[8];
        uc.Read(Data + 8, bytes);
        Assert.That(BitConverter.ToUInt64(bytes), Is.EqualTo(0x1122_3344_5566_7788ul));
    }

    [Test]
    public void Only_one_instruction_runs_per_step()
    {
        using var uc = Open(UnicornMode.Bits64);
        uc.Write(Code, [0x48, 0xFF, 0xC0, 0x48, 0xFF, 0xC0]);
        uc.Set(UnicornRegister.Rax, 0);
        Assert.That(uc.Step(Code), Is.Zero);
        Assert.That(uc.Get(UnicornRegister.Rax), Is.EqualTo(1ul));
        Assert.That(uc.Get(UnicornRegister.Rip), Is.EqualTo(Code + 3));
    }

    [Test]
    public void Rewritten_code_runs_after_a_flush()
    {
        using var uc = Open(UnicornMode.Bits64);
        uc.Write(Code, [0x48, 0xFF, 0xC0]);
        uc.Set(UnicornRegister.Rax, 0);
        uc.Step(Code);
        uc.Write(Code, [0x48, 0xFF, 0xC8]);
        uc.FlushCode(Code, Code + 3);
        uc.Set(UnicornRegister.Rax, 0);
        Assert.That(uc.Step(Code), Is.Zero);
        Assert.That(uc.Get(UnicornRegister.Rax), Is.EqualTo(ulong.MaxValue), "DEC ran, not the cached INC");
    }

    [Test]
    public void Memory_hooks_corrupt_the_carry_of_a_memory_shift_by_cl_which_is_why_results_come_from_a_hookless_engine()
    {
        // SHL byte [rbx], cl with 0xCA and CL=2: the last bit shifted out is bit 6, so CF=1.
        ulong CarryAfter(bool hooks)
        {
            using var uc = new UnicornEngine(UnicornMode.Bits64, recordAccesses: hooks);
            uc.Map(Code, 0x1000);
            uc.Map(Data, 0x1000);
            uc.Write(Code, [0xD2, 0x23]);
            uc.Write(Data, [0xCA]);
            uc.Set(UnicornRegister.Rbx, Data);
            uc.Set(UnicornRegister.Rcx, 2);
            uc.Set(UnicornRegister.Eflags, 0x2);
            Assert.That(uc.Step(Code), Is.Zero);
            return uc.Get(UnicornRegister.Eflags) & 1;
        }

        Assert.That(CarryAfter(hooks: false), Is.EqualTo(1ul));
        Assert.That(CarryAfter(hooks: true), Is.Zero, "if this starts failing, Unicorn fixed the bug and the generator could drop its second engine");
    }

    [Test]
    public void Divide_by_zero_reports_vector_0()
    {
        using var uc = Open(UnicornMode.Bits64);
        uc.Write(Code, [0x48, 0xF7, 0xF1]);
        uc.Set(UnicornRegister.Rcx, 0);
        uc.Step(Code);
        Assert.That(uc.Interrupt, Is.EqualTo(0u));
    }

    [Test]
    public void Unmapped_access_is_an_error_code_not_a_crash()
    {
        using var uc = Open(UnicornMode.Bits64);
        uc.Write(Code, [0x48, 0x8B, 0x03]);
        uc.Set(UnicornRegister.Rbx, 0x7000_0000);
        Assert.That(uc.Step(Code), Is.Not.Zero);
    }

    [Test]
    public void Mapping_an_unaligned_range_throws_with_the_error_code()
    {
        using var uc = new UnicornEngine(UnicornMode.Bits64);
        var ex = Assert.Throws<UnicornException>(() => uc.Map(0x123, 0x1000));
        Assert.That(ex!.Code, Is.Not.Zero);
    }
}
