using KjTest.Abi;
using KjTest.Runtime.Kernel;
using static KjTest.Runtime.Tests.Kernel.KernelTestBed;

namespace KjTest.Runtime.Tests.Kernel;

/// <summary>Reference kexec-jump.md section 2.3, row by row and era by era.</summary>
public class KexecLoadValidationTests
{
    private const ulong Entry = 0x100000;
    private const long EPERM = -Errno.EPERM;
    private const long EINVAL = -Errno.EINVAL;
    private const long EBUSY = -Errno.EBUSY;
    private const long ENOMEM = -Errno.ENOMEM;
    private const long EFAULT = -Errno.EFAULT;
    private const long EADDRNOTAVAIL = -Errno.EADDRNOTAVAIL;
    private const ulong P = KexecFlags.PreserveContext;
    private const ulong C = KexecFlags.OnCrash;

    private static readonly KexecSegment[] One = [Segment(0x100000, 0x3000, 0x2000)];
    private static readonly KexecSegment[] OneCrash = [Segment(32 * Mib, 0x3000, 0x2000)];

    private static readonly ulong[] TinyOccupied = [.. Enumerable.Range(4, 60).Select(i => 0x100000 + ((ulong)i * 0x1000))];

    private static KernelConfig Cur => Standard();

    private static KernelConfig K614 => Standard(KernelEra.K614);

    private static KernelConfig K30 => Standard(KernelEra.K30);

    private static KernelConfig K27 => Standard(KernelEra.K27, KernelArch.I386);

    private static IEnumerable<TestCaseData> Cases()
    {
        static TestCaseData Case(KexecLoadCase c) => new TestCaseData(c).SetName(c.Name);

        // Row 1: permissions, kexec_load_disabled, load limits.
        yield return Case(new("2.3 row 1: no CAP_SYS_BOOT is EPERM", Cur with { CapSysBoot = false }, Entry, One, P, EPERM, 1));
        yield return Case(new("2.3 row 1: K27 no CAP_SYS_BOOT is EPERM", K27 with { CapSysBoot = false }, Entry, One, P, EPERM, 1));
        yield return Case(new("2.3 row 1: kexec_load_disabled is EPERM", Cur with { KexecLoadDisabled = true }, Entry, One, P, EPERM, 1));
        yield return Case(new("2.3 row 1: K30 kexec_load_disabled is EPERM", K30 with { KexecLoadDisabled = true }, Entry, One, P, EPERM, 1));
        yield return Case(new("2.3 row 1: K27 predates kexec_load_disabled", K27 with { KexecLoadDisabled = true }, Entry, One, P, 0, 26));
        yield return Case(new("2.3 row 1: reboot load limit 0 is EPERM", Cur with { LoadLimitReboot = 0 }, Entry, One, P, EPERM, 1));
        yield return Case(new("2.3 row 1: K614 reboot load limit 0 is EPERM", K614 with { LoadLimitReboot = 0 }, Entry, One, P, EPERM, 1));
        yield return Case(new("2.3 row 1: panic load limit 0 is EPERM for ON_CRASH", Cur with { LoadLimitPanic = 0 }, 32 * Mib, OneCrash, C, EPERM, 1));
        yield return Case(new("2.3 row 1: panic load limit does not bind normal loads", Cur with { LoadLimitPanic = 0 }, Entry, One, P, 0, 26));
        yield return Case(new("2.3 row 1: K30 has no load limits", K30 with { LoadLimitReboot = 0 }, Entry, One, P, 0, 26));

        // Row 2: LSM; row 3: lockdown.
        yield return Case(new("2.3 row 2: LSM verdict is returned", Cur with { LsmErrno = Errno.EACCES }, Entry, One, P, -Errno.EACCES, 2));
        yield return Case(new("2.3 row 2: K30 has no LSM hook", K30 with { LsmErrno = Errno.EACCES }, Entry, One, P, 0, 26));
        yield return Case(new("2.3 row 3: lockdown is EPERM", Cur with { Lockdown = true }, Entry, One, P, EPERM, 3));
        yield return Case(new("2.3 row 3: K27 has no lockdown", K27 with { Lockdown = true }, Entry, One, P, 0, 26));

        // Row 4: flags.
        yield return Case(new("2.3 row 4: unknown flag bit 4 is EINVAL", Cur, Entry, One, 0x10, EINVAL, 4));
        yield return Case(new("2.3 row 4: flag bit above 32 is EINVAL", Cur, Entry, One, 1UL << 32, EINVAL, 4));
        yield return Case(new("2.3 row 4: PRESERVE_CONTEXT without KEXEC_JUMP is EINVAL", Cur with { KexecJump = false }, Entry, One, P, EINVAL, 4));
        yield return Case(new("2.3 row 4: K27 PRESERVE_CONTEXT without KEXEC_JUMP is EINVAL", K27 with { KexecJump = false }, Entry, One, P, EINVAL, 4));
        yield return Case(new("2.3 row 4: UPDATE_ELFCOREHDR is legal in CUR", Cur, 32 * Mib, OneCrash, C | KexecFlags.UpdateElfCoreHdr, 0, 26));
        yield return Case(new("2.3 row 4: K27 does not know UPDATE_ELFCOREHDR", K27, Entry, One, KexecFlags.UpdateElfCoreHdr, EINVAL, 4));
        yield return Case(new("2.3 row 4: K30 does not know CRASH_HOTPLUG_SUPPORT", K30, Entry, One, KexecFlags.CrashHotplugSupport, EINVAL, 4));
        yield return Case(new("2.3 row 4: ON_CRASH and PRESERVE_CONTEXT together are not rejected", Cur, 32 * Mib, OneCrash, C | P, 0, 26));

        // Row 5: segment count.
        var seventeen = Enumerable.Range(0, 17).Select(i => Segment(0x100000 + ((ulong)i * 0x1000), 0x1000)).ToArray();
        var sixteen = seventeen[..16];
        yield return Case(new("2.3 row 5: 17 segments is EINVAL", Cur, Entry, seventeen, P, EINVAL, 5));
        yield return Case(new("2.3 row 5: 16 segments are accepted", Cur, Entry, sixteen, P, 0, 26));
        yield return Case(new("2.3 row 5: K27 17 segments is EINVAL", K27, Entry, seventeen, P, EINVAL, 5));

        // Row 6: architecture.
        yield return Case(new("2.3 row 6: KEXEC_ARCH_386 on x86-64 is EINVAL", Cur, Entry, One, P | KexecFlags.Arch386, EINVAL, 6));
        yield return Case(new("2.3 row 6: KEXEC_ARCH_X86_64 on x86-64 is accepted", Cur, Entry, One, P | KexecFlags.ArchX86_64, 0, 26));
        yield return Case(new("2.3 row 6: KEXEC_ARCH_386 on i386 is accepted", K27, Entry, One, P | KexecFlags.Arch386, 0, 26));
        yield return Case(new("2.3 row 6: KEXEC_ARCH_X86_64 on i386 is EINVAL", K27, Entry, One, P | KexecFlags.ArchX86_64, EINVAL, 6));
        yield return Case(new("2.3 row 6: compat caller with KEXEC_ARCH_DEFAULT is EINVAL", Cur, Entry, One, P, EINVAL, 6)
        {
            Source = new FaultingSegmentSource(true, One, ulong.MaxValue),
        });
        yield return Case(new("2.3 row 6: CUR compat caller with KEXEC_ARCH_386 is accepted", Cur, Entry, One, P | KexecFlags.Arch386, 0, 26)
        {
            Source = new FaultingSegmentSource(true, One, ulong.MaxValue),
        });
        yield return Case(new("2.3 row 6: K30 compat caller with KEXEC_ARCH_386 fails the native check", K30, Entry, One, P | KexecFlags.Arch386, EINVAL, 6)
        {
            Source = new FaultingSegmentSource(true, One, ulong.MaxValue),
        });

        // Row 7: copying the segment array.
        yield return Case(new("2.3 row 7: unreadable segment array is EFAULT", Cur, Entry, One, P, EFAULT, 7)
        {
            Source = new FaultingSegmentSource(false, One, 8),
        });
        yield return Case(new("2.3 row 7: CUR compat copy failure returns the positive residue (B21)", Cur, Entry, One, P | KexecFlags.ArchX86_64, 8, 7)
        {
            Source = new FaultingSegmentSource(true, One, 8),
        });
        yield return Case(new("2.3 row 7: K30 compat copy failure is EFAULT", K30, Entry, One, P | KexecFlags.ArchX86_64, EFAULT, 7)
        {
            Source = new FaultingSegmentSource(true, One, 8),
        });

        // Row 8: the kexec lock.
        yield return Case(new("2.3 row 8: kexec lock held is EBUSY", Cur, Entry, One, P, EBUSY, 8) { LockHeld = true });
        yield return Case(new("2.3 row 8: K27 kexec lock held is EBUSY", K27, Entry, One, P, EBUSY, 8) { LockHeld = true });

        // Row 9: unload.
        yield return Case(new("2.3 order: row 4 before row 9, unknown flags fail even an unload", Cur, 0xdead, [], P | 0x100, EINVAL, 4));
        yield return Case(new("2.3 row 9: zero segments with PRESERVE_CONTEXT returns 0", Cur, 0xdead, [], P, 0, 9));
        yield return Case(new("2.3 row 9: K27 zero segments returns 0", K27, 0xdead, [], C, 0, 9));

        // Row 10: crash entry.
        yield return Case(new("2.3 row 10: ON_CRASH entry below crashkernel is EADDRNOTAVAIL", Cur, Entry, OneCrash, C, EADDRNOTAVAIL, 10));
        yield return Case(new("2.3 row 10: ON_CRASH entry above crashkernel is EADDRNOTAVAIL", Cur, 48 * Mib, OneCrash, C, EADDRNOTAVAIL, 10));
        yield return Case(new("2.3 row 10: ON_CRASH entry at the last crashkernel byte is accepted", Cur, (48 * Mib) - 1, OneCrash, C, 0, 26));
        yield return Case(new("2.3 row 10: normal image entry is not validated", Cur, 0xFFFF_FFFF_DEAD_BEEF, One, P, 0, 26));

        // Rows 12 to 14: per-segment geometry.
        KexecSegment[] wrapping = [Segment(0xFFFF_FFFF_FFFF_F000, 0x2000)];
        yield return Case(new("2.3 row 12: mem + memsz wrapping is EADDRNOTAVAIL", Cur, Entry, wrapping, P, EADDRNOTAVAIL, 12));
        yield return Case(new("2.3 row 12: K30 has no wrap check and loads the wrapping segment", K30, Entry, wrapping, P, 0, 26));
        KexecSegment[] wrapping32 = [Segment(0xFFFF_F000, 0x1000)];
        yield return Case(new("2.3 row 12: i386 CUR wraps at 32 bits", Standard(KernelEra.Cur, KernelArch.I386), Entry, wrapping32, P, EADDRNOTAVAIL, 12));
        yield return Case(new("2.3 row 12: K27 i386 accepts a segment ending at 2^32", K27, Entry, wrapping32, P, 0, 26));
        yield return Case(new("2.3 row 13: unaligned mem is EADDRNOTAVAIL", Cur, Entry, [Segment(0x100800, 0x1000)], P, EADDRNOTAVAIL, 13));
        yield return Case(new("2.3 row 13: unaligned mem + memsz is EADDRNOTAVAIL", Cur, Entry, [Segment(0x100000, 0x1800)], P, EADDRNOTAVAIL, 13));
        yield return Case(new("2.3 row 13: K27 unaligned mem is EADDRNOTAVAIL", K27, Entry, [Segment(0x100800, 0x1000)], P, EADDRNOTAVAIL, 13));
        yield return Case(new("2.3 row 14: x86-64 segment reaching MAXMEM - 1 is EADDRNOTAVAIL", Cur, Entry, [Segment(KexecArchLimits.X86_64MaxMem - 0x1000, 0x1000)], P, EADDRNOTAVAIL, 14));
        yield return Case(new("2.3 row 14: x86-64 segment below MAXMEM beyond RAM is accepted", Cur, Entry, [Segment(KexecArchLimits.X86_64MaxMem - 0x2000, 0x1000)], P, 0, 26));

        // Rows 15, 16.
        yield return Case(new("2.3 row 15: overlapping segments are EINVAL", Cur, Entry, [Segment(0x100000, 0x2000), Segment(0x101000, 0x1000)], P, EINVAL, 15));
        yield return Case(new("2.3 row 15: adjacent segments are accepted", Cur, Entry, [Segment(0x100000, 0x1000), Segment(0x101000, 0x1000)], P, 0, 26));
        yield return Case(new("2.3 row 16: bufsz greater than memsz is EINVAL", Cur, Entry, [Segment(0x100000, 0x1000, 0x1001)], P, EINVAL, 16));
        yield return Case(new("2.3 row 16: memsz 0 segment is legal", Cur, Entry, [Segment(0x200000, 0)], P, 0, 26));

        // Row 17: half of RAM (CUR, K614 only). 64 MiB RAM minus 1 MiB reserved minus 16 MiB crashkernel = 12032 pages.
        KexecSegment[] half = [Segment(1UL << 40, (6016UL + 1) * 0x1000)];
        yield return Case(new("2.3 row 17: segment over half of RAM is EINVAL", Cur, Entry, half, P, EINVAL, 17));
        yield return Case(new("2.3 row 17: K614 segment over half of RAM is EINVAL", K614, Entry, half, P, EINVAL, 17));
        yield return Case(new("2.3 row 17: K30 has no half-of-RAM limit", K30, Entry, half, P, 0, 26));
        KexecSegment[] halves = [Segment(1UL << 40, 3008UL * 0x1000), Segment((1UL << 40) + (1UL << 30), 3009UL * 0x1000)];
        yield return Case(new("2.3 row 17: segments summing over half of RAM are EINVAL", Cur, Entry, halves, P, EINVAL, 17));

        // Row 18: crash segments inside crashkernel.
        yield return Case(new("2.3 row 18: crash segment outside crashkernel is EADDRNOTAVAIL", Cur, 32 * Mib, [Segment(48 * Mib, 0x1000)], C, EADDRNOTAVAIL, 18));
        yield return Case(new("2.3 row 18: K30 crash segment outside crashkernel is EADDRNOTAVAIL", K30, 32 * Mib, [Segment(31 * Mib, 0x2000)], C, EADDRNOTAVAIL, 18));

        // Rows 20, 21: control and swap pages.
        // 64 pages of RAM of which the kernel's own state occupies all but the first four.
        var tiny = new KernelConfig { Ram = [new PhysicalRange(0x100000, 0x40000)] };
        yield return Case(new("2.3 row 20: no control page outside the destinations is ENOMEM", tiny, Entry, [Segment(0x100000, 0x4000)], P, ENOMEM, 20) { Occupied = TinyOccupied });
        yield return Case(new("2.3 row 20: CUR zero-size segment at 0 makes every page a destination (inferred, ENOMEM)", Cur, Entry, [Segment(0, 0)], P, ENOMEM, 20));
        yield return Case(new("2.3 row 20: K30 zero-size segment at 0 loads (jump-back helper)", K30, Entry, [Segment(0, 0)], P, 0, 26));
        yield return Case(new("2.3 row 20: K30 x86-64 needs an aligned pair of control pages", tiny with { Era = KernelEra.K30 }, Entry, [Segment(0x101000, 0x1000), Segment(0x103000, 0x1000)], P, ENOMEM, 20) { Occupied = TinyOccupied });
        yield return Case(new("2.3 row 21: no swap page is ENOMEM", tiny, Entry, [Segment(0x100000, 0x3000)], P, ENOMEM, 21) { Occupied = TinyOccupied });
        yield return Case(new("2.3 row 21: crash images need no swap page", tiny with { CrashKernel = new PhysicalRange(0x200000, 0x4000) }, 0x200000, [Segment(0x200000, 0x1000)], C, 0, 26) { Occupied = TinyOccupied });

        // Row 25: loading.
        var small = tiny;
        yield return Case(new("2.3 row 25: running out of source pages is ENOMEM", small, Entry, [Segment(0x800000, 0x3000)], P, ENOMEM, 25) { Occupied = TinyOccupied });
        yield return Case(new("2.3 row 25: unreadable user buffer is EFAULT", Cur, Entry, [Segment(0x200000, 0x3000, 0x1000) with { BufSize = 0x2000 }], P, EFAULT, 25));
        yield return Case(new("2.3 row 25: crash load of an unreadable buffer is EFAULT", Cur, 32 * Mib, [Segment(32 * Mib, 0x3000, 0x1000) with { BufSize = 0x2000 }], C, EFAULT, 25));

        // Order: two failing conditions, the earlier row wins.
        yield return Case(new("2.3 order: row 1 before row 4", Cur with { CapSysBoot = false }, Entry, One, 0x10, EPERM, 1));
        yield return Case(new("2.3 order: row 2 before row 3", Cur with { LsmErrno = Errno.EACCES, Lockdown = true }, Entry, One, P, -Errno.EACCES, 2));
        yield return Case(new("2.3 order: row 3 before row 4", Cur with { Lockdown = true }, Entry, One, 0x10, EPERM, 3));
        yield return Case(new("2.3 order: row 7 before row 8 in CUR", Cur, Entry, One, P, EFAULT, 7)
        {
            LockHeld = true,
            Source = new FaultingSegmentSource(false, One, 8),
        });
        yield return Case(new("2.3 order: K30 copies under the lock, row 8 before row 7", K30, Entry, One, P, EBUSY, 8)
        {
            LockHeld = true,
            Source = new FaultingSegmentSource(false, One, 8),
        });
        yield return Case(new("2.3 order: K30 compat checks precede the capability check", K30 with { CapSysBoot = false }, Entry, One, P, EINVAL, 6)
        {
            Source = new FaultingSegmentSource(true, One, ulong.MaxValue),
        });
        yield return Case(new("2.3 order: CUR compat capability check comes first", Cur with { CapSysBoot = false }, Entry, One, P, EPERM, 1)
        {
            Source = new FaultingSegmentSource(true, One, ulong.MaxValue),
        });
        yield return Case(new("2.3 order: row 8 before row 9", Cur, Entry, [], P, EBUSY, 8) { LockHeld = true });
        yield return Case(new("2.3 order: row 10 before row 15", Cur, Entry, [Segment(32 * Mib, 0x2000), Segment(32 * Mib, 0x1000)], C, EADDRNOTAVAIL, 10));
        yield return Case(new("2.3 order: K30 crash entry check before the copy", K30, Entry, OneCrash, C, EADDRNOTAVAIL, 10)
        {
            Source = new FaultingSegmentSource(false, OneCrash, 8),
        });
        yield return Case(new("2.3 order: rows 12-14 of every segment before row 15", Cur, Entry, [Segment(0x100000, 0x2000), Segment(0x101000, 0x800)], P, EADDRNOTAVAIL, 13));
        yield return Case(new("2.3 order: row 15 before row 16", Cur, Entry, [Segment(0x100000, 0x1000, 0x2000), Segment(0x100000, 0x1000)], P, EINVAL, 15));
        yield return Case(new("2.3 order: row 16 before row 18", Cur, 32 * Mib, [Segment(48 * Mib, 0x1000, 0x2000)], C, EINVAL, 16));
        yield return Case(new("2.3 order: row 17 before row 18", Cur, 32 * Mib, half, C, EINVAL, 17));
        yield return Case(new("2.3 order: row 20 before row 25", tiny, Entry, [Segment(0x100000, 0x4000, 0x1000) with { BufSize = 0x2000 }], P, ENOMEM, 20) { Occupied = TinyOccupied });
    }

    [TestCaseSource(nameof(Cases))]
    public void Kexec_load_returns_the_errno_of_the_first_failing_row(KexecLoadCase c)
    {
        var bed = new KernelTestBed(c.Config, occupied: c.Occupied);
        if (c.LockHeld)
        {
            bed.Kernel.HoldKexecLock();
        }

        var source = c.Source ?? new KexecSegmentList(c.Segments);
        var result = bed.Kernel.KexecLoad(c.Entry, c.NrSegments ?? (ulong)c.Segments.Length, source, c.Flags);

        Assert.That((result.ReturnValue, result.Row), Is.EqualTo((c.Expected, c.Row)), result.ToString());
    }
}
