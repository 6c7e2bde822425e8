using Iced.Intel;
using KjTest.Abi;
using KjTest.Runtime.Kernel;
using KjTest.Runtime.Kernel.Jump;
using KjTest.Runtime.Kernel.Pm;
using KjTest.Runtime.Kernel.Relocate;
using KjTest.Runtime.Machine;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Jump;

public class I386PeerKernelTests
{
    private const ulong Entry = 0x400000;
    private const ulong Results = 0x600000;
    private const ulong Window = 0x40000;
    private const uint Data = 0x400800;
    private const uint Enosys = unchecked((uint)-38);
    private const uint Efault = unchecked((uint)-14);
    private const uint Ebadf = unchecked((uint)-9);
    private const uint Einval = unchecked((uint)-22);

    [Test]
    public void Three_round_trips_return_zero_and_each_round_writes_its_letter()
    {
        var bed = Bed.Create(PingPong());

        foreach (var expected in new[] { "B", "BC", "BCD" })
        {
            var result = bed.Jump();

            Assert.That(bed.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.Returned), bed.Driver.LastEnd?.Message);
            Assert.That(result.ReturnValue, Is.Zero);
            Assert.That(bed.Console, Is.EqualTo(expected));
        }
    }

    [Test]
    public void After_each_round_each_image_starts_at_the_other_kernels_jump_back_entry()
    {
        var bed = Bed.Create(PingPong());
        var jumpBack = (ulong)I386Relocate.Build(RelocateBug.None).JumpBackOffset;
        Assert.That(bed.Kernel.NormalImage!.Start, Is.EqualTo(Entry));

        for (var round = 0; round < 3; round++)
        {
            bed.Jump();

            var peer = bed.Driver.Peer!;
            Assert.That(bed.Kernel.NormalImage!.Start, Is.EqualTo(peer.Model.NormalImage!.ControlPages[0] + jumpBack), $"A's image->start after round {round + 1}");
            Assert.That(peer.Model.NormalImage!.Start, Is.EqualTo(bed.Kernel.NormalImage!.ControlPages[0] + jumpBack), $"B's image->start after round {round + 1}");
            Assert.That(peer.Model.KexecLockHeld, Is.True, "B is suspended inside its kernel_kexec, which holds B's kexec lock");
            Assert.That(bed.Kernel.KexecLockHeld, Is.False, "A's reboot returned");
        }
    }

    [Test]
    public void B_finds_its_registers_flags_and_paging_state_as_it_left_them_when_its_reboot_returns()
    {
        var bed = Bed.Create(PingPong(storeAfterReboot: true));
        bed.Jump();
        bed.Jump();

        var m = bed.Machine.Memory;
        Assert.That(m.ReadUInt32(Results + 0x00), Is.Zero, "eax: reboot returned 0");
        Assert.That(m.ReadUInt32(Results + 0x04), Is.EqualTo(0xFEE1DEADu), "ebx");
        Assert.That(m.ReadUInt32(Results + 0x08), Is.EqualTo(0x28121969u), "ecx");
        Assert.That(m.ReadUInt32(Results + 0x0C), Is.EqualTo(0x45584543u), "edx");
        Assert.That(m.ReadUInt32(Results + 0x10), Is.Zero, "esi");
        Assert.That(m.ReadUInt32(Results + 0x14), Is.EqualTo(0x5EED1234u), "edi");
        Assert.That(m.ReadUInt32(Results + 0x18), Is.EqualTo(0xB0B0CAFEu), "ebp");
        Assert.That(m.ReadUInt32(Results + 0x1C), Is.EqualTo(0x403000u), "esp");
        Assert.That(m.ReadUInt32(Results + 0x20) & 0x400, Is.EqualTo(0x400u), "DF set before the reboot is still set");
        Assert.That(m.ReadUInt32(Results + 0x24) & 0x8000_0000, Is.Zero, "paging is still off");
        Assert.That(m.ReadUInt32(Results + 0x28), Is.Zero, "CR3 is the one A's relocate_kernel left, not B's page directory");
    }

    [Test]
    public void B_loads_its_helper_with_32_bit_kexec_segment_words()
    {
        var bed = Bed.Create(PingPong());
        bed.Jump();

        var image = bed.Driver.Peer!.Model.NormalImage!;
        Assert.That(image.Segments, Is.EqualTo(new[] { new KimageSegment(0x400000, 0, 0) }));
        Assert.That(image.PreserveContext, Is.True);
        Assert.That(image.ControlPages[0], Is.InRange(Entry, Entry + Window - 1), "B's pages come from its window");
    }

    [Test]
    public void A_write_reaches_the_console_and_returns_the_count()
    {
        var bed = Bed.Create(Call(4, 1, Data, 5, data: "hello"u8.ToArray()));

        bed.Jump();

        Assert.That(bed.Console, Is.EqualTo("hello"));
        Assert.That(bed.Result, Is.EqualTo(5u));
    }

    [TestCase(17u, TestName = "An_unimplemented_slot_break_returns_ENOSYS")]
    [TestCase(285u, TestName = "An_unimplemented_slot_setaltroot_returns_ENOSYS")]
    [TestCase(1000u, TestName = "A_number_past_the_table_returns_ENOSYS")]
    [TestCase(0xFFFF_FFFFu, TestName = "A_negative_number_returns_ENOSYS")]
    public void An_unknown_system_call_returns_ENOSYS(uint number)
    {
        var bed = Bed.Create(Call(number, 0, 0, 0));

        bed.Jump();

        Assert.That(bed.Result, Is.EqualTo(Enosys));
        Assert.That(bed.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.Returned));
    }

    [TestCase(0x0800_0000u, 1u, TestName = "Write_from_a_buffer_beyond_RAM_returns_EFAULT")]
    [TestCase(0xC000_0000u, 1u, TestName = "Write_from_a_kernel_address_returns_EFAULT")]
    [TestCase(0xBFFF_FFFFu, 2u, TestName = "Write_reaching_past_TASK_SIZE_returns_EFAULT")]
    public void Write_with_a_bad_buffer_returns_EFAULT(uint buffer, uint count)
    {
        var bed = Bed.Create(Call(4, 1, (buffer), count));

        bed.Jump();

        Assert.That(bed.Result, Is.EqualTo(Efault));
        Assert.That(bed.Console, Is.Empty);
    }

    [Test]
    public void Write_stops_at_the_first_tty_chunk_that_cannot_be_copied()
    {
        const uint ram = 64u << 20;
        var bed = Bed.Create(Call(4, 1, (ram - 2048), 4096));

        bed.Jump();

        Assert.That(bed.Result, Is.EqualTo(2048u));
        Assert.That(bed.Console, Has.Length.EqualTo(2048));
    }

    [Test]
    public void Write_to_a_descriptor_that_is_not_open_returns_EBADF()
    {
        var bed = Bed.Create(Call(4, 5, Data, 1, data: [(byte)'x']));

        bed.Jump();

        Assert.That(bed.Result, Is.EqualTo(Ebadf));
        Assert.That(bed.Console, Is.Empty);
    }

    [Test]
    public void Kexec_load_with_a_segment_array_beyond_RAM_returns_EFAULT()
    {
        var bed = Bed.Create(Call(283, Entry, 1, (0x0800_0000), esiValue: 2));

        bed.Jump();

        Assert.That(bed.Result, Is.EqualTo(Efault));
        Assert.That(bed.Driver.Peer!.Model.NormalImage, Is.Null);
        Assert.That(bed.Driver.Peer!.Model.KexecLockHeld, Is.False);
    }

    [Test]
    public void Kexec_load_with_a_segment_buffer_beyond_RAM_returns_EFAULT()
    {
        var bed = Bed.Create(Call(283, Entry, 1, Data, esiValue: 2, data: Words(0x0800_0000, 0x1000, 0x420000, 0x1000)));

        bed.Jump();

        Assert.That(bed.Result, Is.EqualTo(Efault));
        Assert.That(bed.Driver.Peer!.Model.NormalImage, Is.Null);
    }

    [Test]
    public void Kexec_load_reads_the_segment_array_as_32_bit_words()
    {
        var bed = Bed.Create(Call(283, 0x420000, 1, Data, esiValue: 0x30002, data: Words((uint)Entry, 8, 0x420000, 0x1000)));

        bed.Jump();

        Assert.That(bed.Result, Is.Zero);
        var image = bed.Driver.Peer!.Model.NormalImage!;
        Assert.That(image.Segments, Is.EqualTo(new[] { new KimageSegment(0x420000, 0x1000, 8) }));
        Assert.That(image.Start, Is.EqualTo(0x420000UL));
    }

    [Test]
    public void Reboot_with_a_wrong_magic_returns_EINVAL_to_B()
    {
        var bed = Bed.Create(Call(88, 0xFEE1DEAD, 0x1234, RebootMagic.CmdKexec));

        bed.Jump();

        Assert.That(bed.Result, Is.EqualTo(Einval));
        Assert.That(bed.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.Returned));
    }

    [Test]
    public void Reboot_without_an_image_loaded_in_B_returns_EINVAL()
    {
        var bed = Bed.Create(Call(88, RebootMagic.Magic1, RebootMagic.Magic2, RebootMagic.CmdKexec));

        bed.Jump();

        Assert.That(bed.Result, Is.EqualTo(Einval));
        Assert.That(bed.Driver.Peer!.Model.KexecLockHeld, Is.False);
    }

    [Test]
    public void Exit_group_ends_the_jump_with_its_status()
    {
        var bed = Bed.Create(Call(252, 0x107, 0, 0));

        var result = bed.Jump();

        Assert.That(bed.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.Exit), bed.Driver.LastEnd?.Message);
        Assert.That(bed.Driver.LastEnd?.ExitCode, Is.EqualTo(7));
        Assert.That(result.Outcome, Is.EqualTo(KernelKexecOutcome.NeverReturned));
    }

    [Test]
    public void Without_a_kernel_for_B_int_0x80_goes_through_the_invalidated_IDT_and_resets_the_machine()
    {
        var bed = Bed.Create(Call(4, 1, Data, 1, data: [(byte)'x']), servePeer: false);

        bed.Jump();

        Assert.That(bed.Driver.LastEnd?.Kind, Is.EqualTo(JumpEndKind.TripleFault), bed.Driver.LastEnd?.Message);
        Assert.That(bed.Driver.Peer, Is.Null);
    }

    private static byte[] Words(params uint[] words) => words.SelectMany(BitConverter.GetBytes).ToArray();

    /// <summary>One <c>int $0x80</c> with eax = <paramref name="number"/>, its result stored at <see cref="Results"/>, then <c>ret</c> to A.</summary>
    private static byte[] Call(uint number, ulong ebxValue, ulong ecxValue, ulong edxValue, uint esiValue = 0, byte[]? data = null) => Assemble(
        a =>
        {
            a.mov(eax, number);
            a.mov(ebx, (uint)ebxValue);
            a.mov(ecx, (uint)ecxValue);
            a.mov(edx, (uint)edxValue);
            a.mov(esi, esiValue);
            a.@int(0x80);
            a.mov(__dword_ptr[(uint)Results], eax);
            a.ret();
        },
        data ?? []);

    /// <summary>The scenario's B: loads the jump-back helper, then per round writes a letter and jumps back to A.</summary>
    private static byte[] PingPong(bool storeAfterReboot = false) => Assemble(
        a =>
        {
            var again = a.CreateLabel("again");
            a.pop(ebx);
            a.mov(esp, 0x403000);
            a.mov(eax, 283);
            a.mov(ecx, 1);
            a.mov(edx, Data + 4);
            a.mov(esi, 0x30002);
            a.@int(0x80);
            a.Label(ref again);
            a.mov(eax, 4);
            a.mov(ebx, 1);
            a.mov(ecx, Data);
            a.mov(edx, 1);
            a.@int(0x80);
            a.mov(edi, 0x5EED1234);
            a.mov(ebp, 0xB0B0CAFE);
            a.std();
            a.mov(eax, 88);
            a.mov(ebx, 0xFEE1DEAD);
            a.mov(ecx, 0x28121969);
            a.mov(edx, 0x45584543);
            a.xor(esi, esi);
            a.@int(0x80);
            if (storeAfterReboot)
            {
                a.mov(__dword_ptr[(uint)Results], eax);
                a.mov(__dword_ptr[(uint)Results + 0x04], ebx);
                a.mov(__dword_ptr[(uint)Results + 0x08], ecx);
                a.mov(__dword_ptr[(uint)Results + 0x0C], edx);
                a.mov(__dword_ptr[(uint)Results + 0x10], esi);
                a.mov(__dword_ptr[(uint)Results + 0x14], edi);
                a.mov(__dword_ptr[(uint)Results + 0x18], ebp);
                a.mov(__dword_ptr[(uint)Results + 0x1C], esp);
                a.pushfd();
                a.pop(__dword_ptr[(uint)Results + 0x20]);
                a.mov(eax, cr0);
                a.mov(__dword_ptr[(uint)Results + 0x24], eax);
                a.mov(eax, cr3);
                a.mov(__dword_ptr[(uint)Results + 0x28], eax);
            }

            a.cld();
            a.inc(__byte_ptr[Data]);
            a.jmp(again);
        },
        [0x42, 0, 0, 0, .. Words(0, 0, 0x400000, 0)]);

    /// <summary>The image: <paramref name="code"/> at the entry and <paramref name="data"/> at <see cref="Data"/>.</summary>
    private static byte[] Assemble(Action<Assembler> code, byte[] data)
    {
        var a = new Assembler(32);
        code(a);
        using var stream = new MemoryStream();
        a.Assemble(new StreamCodeWriter(stream), Entry);
        var image = new byte[0x1000];
        stream.ToArray().CopyTo(image, 0);
        data.CopyTo(image, (int)(Data - Entry));
        return image;
    }

    private sealed class Bed
    {
        private readonly List<byte> _console = [];

        private Bed(bool servePeer)
        {
            Machine = new MachineBuilder().WithMemory(64UL << 20).Build();
            var env = I386KernelEnvironment.Build(Machine, 0x100000);
            var config = new KernelConfig
            {
                Era = KernelEra.K27,
                Arch = KernelArch.I386,
                Ram = [new PhysicalRange(0, 64UL << 20)],
                Reserved = [new PhysicalRange(0, 0x100000), new PhysicalRange(env.Base, env.Size)],
            };
            Kernel = KernelModel.Create(config, Machine.Memory, []);
            var settings = new JumpSettings { Era = KernelEra.K27, MaxInstructions = 2_000_000 };
            Driver = servePeer
                ? new I386JumpDriver(Machine, env, Kernel, settings, bytes => _console.AddRange(bytes))
                : new I386JumpDriver(Machine, env, settings);
        }

        public X86Machine Machine { get; }

        public KernelModel Kernel { get; }

        public I386JumpDriver Driver { get; }

        public string Console => string.Concat(_console.Select(b => (char)b));

        public uint Result => Machine.Memory.ReadUInt32(Results);

        public static Bed Create(byte[] image, bool servePeer = true)
        {
            var bed = new Bed(servePeer);
            var load = bed.Kernel.KexecLoad(Entry, [new KexecSegment(image, Entry, Window)], KexecFlags.PreserveContext);
            Assert.That(load.ReturnValue, Is.Zero, load.ToString());
            return bed;
        }

        public KernelKexecResult Jump() =>
            Kernel.Reboot(RebootMagic.Magic1, RebootMagic.Magic2, RebootMagic.CmdKexec, NoDevices.Instance, NoDevices.Instance, Driver.MachineKexec);
    }
}
