using Iced.Intel;
using KjTest.Runtime.Machine;
using KjTest.Runtime.Machine.Cpu;
using static Iced.Intel.AssemblerRegisters;

namespace KjTest.Runtime.Tests.Machine.Cpu;

public class PagingTests
{
    private const ulong Pml4 = 0x20_0000;

    /// <summary>Long-mode tables: the first 2 MiB identity-mapped with 4 KiB pages, plus whatever the test adds.</summary>
    private static X86Machine FourKilobytePages(Action<Assembler> code)
    {
        var m = GuestHarness.LongMode(code);
        var mem = m.Memory;
        mem.WriteUInt64(Pml4, (Pml4 + 0x1000) | 7);
        mem.WriteUInt64(Pml4 + 0x1000, (Pml4 + 0x2000) | 7);
        mem.WriteUInt64(Pml4 + 0x2000, (Pml4 + 0x3000) | 7);
        for (ulong p = 0; p < 512; p++)
        {
            mem.WriteUInt64(Pml4 + 0x3000 + (p * 8), (p << 12) | 7);
        }

        mem.WriteUInt64(Pml4 + 0x2008, 0x20_0000 | 0x87);
        m.Cpu.Cr3 = Pml4;
        return m;
    }

    [Test]
    public void Four_kilobyte_mapping_translates_and_sets_accessed_and_dirty()
    {
        var m = FourKilobytePages(a =>
        {
            a.mov(__qword_ptr[0x5000], 0x77);
            a.mov(rax, __qword_ptr[0x6000]);
            a.hlt();
        });
        m.Memory.WriteUInt64(Pml4 + 0x3000 + (5 * 8), 0x9000 | 7);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Memory.ReadUInt64(0x9000), Is.EqualTo(0x77UL));
        Assert.That(m.Memory.ReadUInt64(0x5000), Is.Zero);
        Assert.That(m.Memory.ReadUInt64(Pml4 + 0x3000 + (5 * 8)) & 0x60, Is.EqualTo(0x60UL));
        Assert.That(m.Memory.ReadUInt64(Pml4 + 0x3000 + (6 * 8)) & 0x60, Is.EqualTo(0x20UL));
    }

    [Test]
    public void Rep_stosq_stopped_by_a_page_fault_leaves_registers_at_the_faulting_page()
    {
        var m = FourKilobytePages(a =>
        {
            a.mov(rax, 0x1122_3344_5566_7788);
            a.mov(rdi, 0x5000);
            a.mov(ecx, 0x5000 / 8);
            a.rep.stosq();
            a.hlt();
        });
        m.Memory.WriteUInt64(Pml4 + 0x3000 + (8 * 8), 0);
        // Each iteration of a repeated string instruction retires as one instruction.
        var outcome = m.Run(new ExecutionLimits(10_000, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(14));
        Assert.That(m.Cpu.Cr2, Is.EqualTo(0x8000UL));
        Assert.That(m.Reg(Register.RDI), Is.EqualTo(0x8000UL));
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(0x2000UL / 8));
        Assert.That(m.Memory.ReadUInt64(0x7FF8), Is.EqualTo(0x1122_3344_5566_7788UL));
        Assert.That(m.Memory.ReadUInt64(Pml4 + 0x3000 + (7 * 8)) & 0x60, Is.EqualTo(0x60UL));
    }

    [Test]
    public void Read_only_page_faults_on_supervisor_write_when_wp_is_set()
    {
        var m = FourKilobytePages(a =>
        {
            a.mov(__qword_ptr[0x5000], 1);
            a.hlt();
        });
        m.Memory.WriteUInt64(Pml4 + 0x3000 + (5 * 8), 0x5000 | 5);
        var outcome = m.Run(new ExecutionLimits(10, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(14));
        Assert.That(outcome.Faults[0].ErrorCode, Is.EqualTo(3u));
        Assert.That(m.Cpu.Cr2, Is.EqualTo(0x5000UL));
    }

    [Test]
    public void No_execute_page_faults_on_fetch()
    {
        var m = FourKilobytePages(a =>
        {
            a.mov(eax, 0x5000);
            a.jmp(rax);
        });
        m.Memory.WriteUInt64(Pml4 + 0x3000 + (5 * 8), 0x5000 | 7 | (1UL << 63));
        var outcome = m.Run(new ExecutionLimits(10, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(14));
        Assert.That(outcome.Faults[0].ErrorCode, Is.EqualTo(0x11u));
        Assert.That(outcome.Rip, Is.EqualTo(0x5000UL));
    }

    [Test]
    public void Stale_translation_survives_until_invlpg()
    {
        var m = FourKilobytePages(a =>
        {
            a.mov(rax, __qword_ptr[0x5000]);
            a.mov(__qword_ptr[Pml4 + 0x3000 + (5 * 8)], 0xA007);
            a.mov(rbx, __qword_ptr[0x5000]);
            a.invlpg(__byte_ptr[0x5000]);
            a.mov(rcx, __qword_ptr[0x5000]);
            a.hlt();
        });
        m.Memory.WriteUInt64(0x5000, 1);
        m.Memory.WriteUInt64(0xA000, 2);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RAX), Is.EqualTo(1UL));
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(1UL));
        Assert.That(m.Reg(Register.RCX), Is.EqualTo(2UL));
    }

    [Test]
    public void Write_through_a_cached_read_only_translation_faults_until_invlpg()
    {
        // Intel SDM 4.10.4.3: a R/W change from 0 to 1 without invalidation may give a spurious #PF.
        var m = FourKilobytePages(a =>
        {
            a.mov(rax, __qword_ptr[0x5000]);
            a.mov(__qword_ptr[Pml4 + 0x3000 + (5 * 8)], 0x5007);
            a.mov(__qword_ptr[0x5000], 9);
            a.hlt();
        });
        m.Memory.WriteUInt64(Pml4 + 0x3000 + (5 * 8), 0x5000 | 5);
        m.Memory.WriteUInt64(0x5000, 1);
        var outcome = m.Run(new ExecutionLimits(10, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(14));
        Assert.That(outcome.Faults[0].ErrorCode, Is.EqualTo(3u), "present, write");
        Assert.That(m.Cpu.Cr2, Is.EqualTo(0x5000UL));
        Assert.That(m.Memory.ReadUInt64(0x5000), Is.EqualTo(1UL));

        // The fault dropped the entry (SDM 4.10.4.1): the same write now walks the updated tables.
        m.Run(new ExecutionLimits(10, StopOnException: true));
        Assert.That(m.Memory.ReadUInt64(0x5000), Is.EqualTo(9UL));
    }

    [Test]
    public void A_read_only_translation_cached_by_rep_movs_also_faults_a_later_write()
    {
        var m = FourKilobytePages(a =>
        {
            a.mov(rsi, 0x5000);
            a.mov(rdi, 0x6000);
            a.mov(ecx, 512);
            a.rep.movsq();
            a.mov(__qword_ptr[Pml4 + 0x3000 + (5 * 8)], 0x5007);
            a.mov(__qword_ptr[0x5000], 9);
            a.hlt();
        });
        m.Memory.WriteUInt64(Pml4 + 0x3000 + (5 * 8), 0x5000 | 5);
        m.Memory.WriteUInt64(0x5000, 1);
        var outcome = m.Run(new ExecutionLimits(1_000, StopOnException: true));
        Assert.That(outcome.Faults.Select(f => (int?)f.Vector).FirstOrDefault(), Is.EqualTo(14));
        Assert.That(m.Memory.ReadUInt64(0x6000), Is.EqualTo(1UL), "the copy ran first");
        Assert.That(m.Memory.ReadUInt64(0x5000), Is.EqualTo(1UL));
    }

    [Test]
    public void Write_after_invlpg_of_a_page_made_writable_succeeds()
    {
        var m = FourKilobytePages(a =>
        {
            a.mov(rax, __qword_ptr[0x5000]);
            a.mov(__qword_ptr[Pml4 + 0x3000 + (5 * 8)], 0x5007);
            a.invlpg(__byte_ptr[0x5000]);
            a.mov(__qword_ptr[0x5000], 9);
            a.hlt();
        });
        m.Memory.WriteUInt64(Pml4 + 0x3000 + (5 * 8), 0x5000 | 5);
        m.Memory.WriteUInt64(0x5000, 1);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Memory.ReadUInt64(0x5000), Is.EqualTo(9UL));
    }

    [TestCase(true, 14, TestName = "A_global_read_only_entry_kept_across_a_cr3_load_faults_a_write_to_a_page_the_new_tables_map_writable")]
    [TestCase(false, null, TestName = "Clearing_cr4_pge_first_drops_the_global_entry_and_the_write_succeeds")]
    public void Global_read_only_entry_and_cr3_load(bool keepPge, int? expectedVector)
    {
        // The mechanism of bug B5 (reference kexec-jump.md section 7).
        var m = FourKilobytePages(a =>
        {
            a.mov(rax, __qword_ptr[0x5000]);
            a.mov(__qword_ptr[Pml4 + 0x3000 + (5 * 8)], 0x5007);
            if (!keepPge)
            {
                a.mov(rbx, cr4);
                a.and(rbx, ~0x80);
                a.mov(cr4, rbx);
            }

            a.mov(rbx, cr3);
            a.mov(cr3, rbx);
            a.mov(__qword_ptr[0x5000], 9);
            a.hlt();
        });
        m.Cpu.Cr4 |= 0x80;
        m.Memory.WriteUInt64(Pml4 + 0x3000 + (5 * 8), 0x5000 | 5 | 0x100);
        m.Memory.WriteUInt64(0x5000, 1);
        var outcome = m.Run(new ExecutionLimits(1_000, StopOnException: true));
        Assert.That(outcome.Faults.Select(f => (int?)f.Vector).FirstOrDefault(), Is.EqualTo(expectedVector));
        Assert.That(m.Memory.ReadUInt64(0x5000), Is.EqualTo(expectedVector is null ? 9UL : 1UL));
    }

    [TestCase(false, 0x11UL, TestName = "A_rep_movs_through_a_large_page_keeps_its_translation_for_the_whole_leaf_until_a_flush")]
    [TestCase(true, 0x22UL, TestName = "Invlpg_drops_the_large_page_translation_a_rep_movs_kept")]
    public void Large_page_translation_kept_by_rep_movs(bool invalidate, ulong expected)
    {
        // A TLB holds one entry for a 2 MiB page: after the PDE changes, another 4 KiB page of the same leaf
        // still translates through the old entry until INVLPG (or a CR3 load) drops it.
        var m = FourKilobytePages(a =>
        {
            a.mov(rsi, 0x40_0000);
            a.mov(rdi, 0x6000);
            a.mov(ecx, 512);
            a.rep.movsq();
            a.mov(__qword_ptr[Pml4 + 0x2010], 0x60_0000 | 0x87);
            if (invalidate)
            {
                a.invlpg(__byte_ptr[0x40_1000]);
            }

            a.mov(rsi, 0x40_1000);
            a.mov(rdi, 0x7000);
            a.mov(ecx, 512);
            a.rep.movsq();
            a.hlt();
        });
        m.Memory.WriteUInt64(Pml4 + 0x2010, 0x40_0000 | 0x87);
        m.Memory.WriteUInt64(0x40_0000, 0x10);
        m.Memory.WriteUInt64(0x40_1000, 0x11);
        m.Memory.WriteUInt64(0x60_1000, 0x22);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Memory.ReadUInt64(0x6000), Is.EqualTo(0x10UL));
        Assert.That(m.Memory.ReadUInt64(0x7000), Is.EqualTo(expected));
    }

    [Test]
    public void Global_pages_survive_a_cr3_reload_only_with_pge()
    {
        var m = FourKilobytePages(a =>
        {
            a.mov(rax, __qword_ptr[0x5000]);
            a.mov(__qword_ptr[Pml4 + 0x3000 + (5 * 8)], 0xA007);
            a.mov(rdx, cr3);
            a.mov(cr3, rdx);
            a.mov(rbx, __qword_ptr[0x5000]);
            a.hlt();
        });
        m.Cpu.Cr4 |= Cr.Cr4Pge;
        m.Memory.WriteUInt64(Pml4 + 0x3000 + (5 * 8), 0x5000 | 7 | 0x100);
        m.Memory.WriteUInt64(0x5000, 1);
        m.Memory.WriteUInt64(0xA000, 2);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(1UL));
    }

    [Test]
    public void Unmapped_address_faults_with_not_present_error()
    {
        var m = FourKilobytePages(a =>
        {
            a.mov(rax, __qword_ptr[0x40_0000]);
            a.hlt();
        });
        var outcome = m.Run(new ExecutionLimits(10, StopOnException: true));
        Assert.That(outcome.Faults[0].Vector, Is.EqualTo(14));
        Assert.That(outcome.Faults[0].ErrorCode, Is.EqualTo(0u));
        Assert.That(m.Cpu.Cr2, Is.EqualTo(0x40_0000UL));
    }

    [Test]
    public void Legacy_32_bit_paging_with_4_mebibyte_pages()
    {
        var m = GuestHarness.Protected32(a =>
        {
            a.mov(eax, 0x3000);
            a.mov(cr3, eax);
            a.mov(eax, cr4);
            a.or(eax, 0x10);
            a.mov(cr4, eax);
            a.mov(eax, cr0);
            a.or(eax, 0x8000_0000u);
            a.mov(cr0, eax);
            a.mov(__dword_ptr[0x40_0010], 0x1234);
            a.hlt();
        });
        m.Memory.WriteUInt32(0x3000, 0x87);
        m.Memory.WriteUInt32(0x3004, 0x0080_0087);
        m.Memory.WriteUInt32(0x3000 + (0x3FF * 4), 0x0000_0087);
        GuestHarness.RunToHalt(m);
        Assert.That(m.Memory.ReadUInt32(0x80_0010), Is.EqualTo(0x1234u));
    }

    [Test]
    public void Pae_paging_with_2_mebibyte_pages()
    {
        var m = GuestHarness.Protected32(a =>
        {
            a.mov(eax, cr4);
            a.or(eax, 0x20);
            a.mov(cr4, eax);
            a.mov(eax, 0x3000);
            a.mov(cr3, eax);
            a.mov(eax, cr0);
            a.or(eax, 0x8000_0000u);
            a.mov(cr0, eax);
            a.mov(__dword_ptr[0x20_0010], 0x5678);
            a.hlt();
        });
        m.Memory.WriteUInt64(0x3000, 0x4001);
        m.Memory.WriteUInt64(0x3018, 0x4001);
        m.Memory.WriteUInt64(0x4000, 0x0000_0087);
        m.Memory.WriteUInt64(0x4008, 0x0060_0087);
        var outcome = m.Run(new ExecutionLimits(100));
        Assert.That(outcome.Reason, Is.EqualTo(StopReason.Halted), outcome.ToString());
        Assert.That(m.Memory.ReadUInt32(0x60_0010), Is.EqualTo(0x5678u));
    }

    [Test]
    public void Self_modifying_code_is_seen_by_the_next_execution()
    {
        var m = GuestHarness.LongMode(a =>
        {
            var patch = a.CreateLabel();
            a.xor(ebx, ebx);
            a.Label(ref patch);
            a.mov(eax, 1);
            a.add(ebx, eax);
            a.lea(rcx, __[patch]);
            a.mov(__dword_ptr[rcx + 1], 5);
            a.cmp(ebx, 1);
            a.je(patch);
            a.hlt();
        });
        GuestHarness.RunToHalt(m);
        Assert.That(m.Reg(Register.RBX), Is.EqualTo(6UL));
    }
}
