using Iced.Intel;
using KjTest.Runtime.Machine.Bus;
using KjTest.Runtime.Machine.Devices;
using KjTest.Runtime.Machine.Memory;

namespace KjTest.Runtime.Machine.Cpu;

/// <summary>
/// An interpreted x86 CPU (IA-32 and x86-64) over a <see cref="PhysicalMemory"/> and an <see cref="IoBus"/>.
/// Every architectural register can be read and written through this API, so test code can set up
/// any state, execute exactly <c>n</c> instructions with <see cref="Step(ulong)"/> or run with limits via
/// <see cref="Run"/>, and read the state back. State setters are raw: they do not apply the
/// architectural #GP checks an instruction would (use instructions for that).
/// </summary>
public sealed partial class X86Cpu
{
    internal GprFile Gpr;
    private ulong _decodedCodeBase;
    internal readonly SegmentCache[] Seg = new SegmentCache[6];
    internal readonly ulong[] Dr = new ulong[8];
    internal readonly UInt128[] Xmm = new UInt128[16];
    internal readonly Float80[] Fpr = new Float80[8];
    internal readonly Dictionary<uint, ulong> OtherMsrs = [];
    internal readonly PhysicalMemory Mem;
    internal readonly IoBus Bus;
    internal ulong RipValue;
    internal ulong NextRip;
    internal ulong Cr0Value;
    internal ulong Cr3Value;
    internal ulong Cr4Value;
    internal ulong EferValue;
    internal int CplValue;
    internal int Bitness = 16;

    /// <summary>Creates a CPU in its power-on state over the given memory and bus.</summary>
    public X86Cpu(PhysicalMemory memory, IoBus bus, CpuModel? model = null)
    {
        Mem = memory ?? throw new ArgumentNullException(nameof(memory));
        Bus = bus ?? throw new ArgumentNullException(nameof(bus));
        Model = model ?? CpuModel.Default;
        Mem.MappingChanged += OnMemoryMappingChanged;
        Mem.WatchedPageWritten += OnCodePageWritten;
        _tlb = _tlbSupervisor;
        InitDecoder();
        Reset();
    }

    /// <summary>The CPUID identity and features.</summary>
    public CpuModel Model { get; }

    /// <summary>The physical memory this CPU addresses.</summary>
    public PhysicalMemory Memory => Mem;

    /// <summary>The port and MMIO bus.</summary>
    public IoBus IoBus => Bus;

    /// <summary>Interrupt controller asked for external interrupts when RFLAGS.IF is set; null for none.</summary>
    public IInterruptController? InterruptController { get; set; }

    /// <summary>Instruction pointer (offset in CS).</summary>
    public ulong Rip { get => RipValue; set => RipValue = value; }

    /// <summary>RFLAGS; bit 1 always reads as one.</summary>
    public ulong Rflags { get => ReadFlags(); set => WriteFlagsRaw(value); }

    /// <summary>CR0. Setting it flushes translations and recomputes the mode.</summary>
    public ulong Cr0 { get => Cr0Value; set { Cr0Value = value; UpdateMode(); FlushTlb(true); } }

    /// <summary>CR2 (page-fault linear address).</summary>
    public ulong Cr2 { get; set; }

    /// <summary>CR3. Setting it flushes non-global translations.</summary>
    public ulong Cr3 { get => Cr3Value; set { Cr3Value = value; FlushTlb(false); } }

    /// <summary>CR4. Setting it flushes translations.</summary>
    public ulong Cr4 { get => Cr4Value; set { Cr4Value = value; FlushTlb(true); } }

    /// <summary>CR8 (task priority).</summary>
    public ulong Cr8 { get; set; }

    /// <summary>IA32_EFER. Setting it recomputes the mode (LMA is taken as given).</summary>
    public ulong Efer { get => EferValue; set { EferValue = value; UpdateMode(); FlushTlb(true); } }

    /// <summary>XCR0.</summary>
    public ulong Xcr0 { get; set; } = 1;

    /// <summary>GDTR.</summary>
    public DescriptorTableRegister Gdtr { get; set; }

    /// <summary>IDTR.</summary>
    public DescriptorTableRegister Idtr { get; set; }

    /// <summary>LDTR with its hidden part.</summary>
    public SegmentCache Ldtr { get; set; }

    /// <summary>TR with its hidden part.</summary>
    public SegmentCache Tr { get; set; }

    /// <summary>Current privilege level.</summary>
    public int Cpl { get => CplValue; set { CplValue = value; UpdateMode(); } }

    /// <summary>Instructions retired since reset; the time-stamp counter counts these.</summary>
    public ulong InstructionsRetired { get => Retired; set => Retired = value; }

    /// <summary>Time-stamp counter: instructions retired plus the offset written through IA32_TSC.</summary>
    public ulong Tsc => InstructionsRetired + TscOffset;

    internal ulong TscOffset { get; set; }

    /// <summary>IA32_FS_BASE (also the hidden FS base).</summary>
    public ulong FsBase { get => Seg[4].Base; set => Seg[4] = Seg[4] with { Base = value }; }

    /// <summary>IA32_GS_BASE (also the hidden GS base).</summary>
    public ulong GsBase { get => Seg[5].Base; set => Seg[5] = Seg[5] with { Base = value }; }

    /// <summary>IA32_KERNEL_GS_BASE (swapped in by SWAPGS).</summary>
    public ulong KernelGsBase { get; set; }

    /// <summary>IA32_STAR.</summary>
    public ulong Star { get; set; }

    /// <summary>IA32_LSTAR.</summary>
    public ulong Lstar { get; set; }

    /// <summary>IA32_CSTAR.</summary>
    public ulong Cstar { get; set; }

    /// <summary>IA32_FMASK.</summary>
    public ulong Fmask { get; set; }

    /// <summary>x87 control word.</summary>
    public ushort Fcw { get; set; } = 0x037F;

    /// <summary>x87 status word (TOP in bits 11-13).</summary>
    public ushort Fsw { get; set; }

    /// <summary>x87 full tag word, two bits per physical register (3 = empty).</summary>
    public ushort Ftw { get; set; } = 0xFFFF;

    /// <summary>x87 last opcode (11 bits).</summary>
    public ushort Fop { get; set; }

    /// <summary>x87 last instruction pointer.</summary>
    public ulong Fip { get; set; }

    /// <summary>x87 last data pointer.</summary>
    public ulong Fdp { get; set; }

    /// <summary>MXCSR.</summary>
    public uint Mxcsr { get; set; } = 0x1F80;

    /// <summary>Operating mode width: 16, 32 or 64.</summary>
    public int CodeBitness => Bitness;

    /// <summary>True when long mode is active (EFER.LMA).</summary>
    public bool LongModeActive => (EferValue & Cr.EferLma) != 0;

    /// <summary>Reads a general-purpose register of any width (e.g. <c>Register.EAX</c>, <c>Register.AH</c>).</summary>
    public ulong GetRegister(Register register) => ReadReg(register);

    /// <summary>Writes a general-purpose register of any width; 32-bit writes zero the upper half as the CPU does.</summary>
    public void SetRegister(Register register, ulong value) => WriteReg(register, value);

    /// <summary>Reads GPR <paramref name="index"/> (0 = RAX ... 15 = R15).</summary>
    public ulong GetGpr(int index) => (uint)index < 16 ? Gpr[index] : throw new ArgumentOutOfRangeException(nameof(index), index, "GPRs are 0-15");

    /// <summary>Writes GPR <paramref name="index"/> (0 = RAX ... 15 = R15).</summary>
    public void SetGpr(int index, ulong value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)index, 15u, nameof(index));
        Gpr[index] = value;
    }

    /// <summary>Reads a segment register with its hidden part.</summary>
    public SegmentCache GetSegment(SegmentRegister register) => Seg[(int)register];

    /// <summary>Writes a segment register with its hidden part; writing CS also sets CPL to the selector RPL (0 in real mode) and recomputes the mode.</summary>
    public void SetSegment(SegmentRegister register, SegmentCache value)
    {
        Seg[(int)register] = value;
        if (register == SegmentRegister.Cs)
        {
            CplValue = (Cr0Value & Cr.Cr0Pe) == 0 ? 0 : value.Selector & 3;
            UpdateMode();
        }
    }

    /// <summary>Reads debug register DR<paramref name="index"/>.</summary>
    public ulong GetDr(int index) => Dr[index];

    /// <summary>Writes debug register DR<paramref name="index"/>.</summary>
    public void SetDr(int index, ulong value) => Dr[index] = value;

    /// <summary>Reads XMM<paramref name="index"/>.</summary>
    public UInt128 GetXmm(int index) => Xmm[index];

    /// <summary>Writes XMM<paramref name="index"/>.</summary>
    public void SetXmm(int index, UInt128 value) => Xmm[index] = value;

    /// <summary>Reads physical x87 register R<paramref name="index"/> (not relative to TOP).</summary>
    public Float80 GetFpuRegister(int index) => Fpr[index];

    /// <summary>Writes physical x87 register R<paramref name="index"/> (not relative to TOP).</summary>
    public void SetFpuRegister(int index, Float80 value) => Fpr[index] = value;

    /// <summary>Reads ST(<paramref name="i"/>), relative to the current TOP.</summary>
    public Float80 GetSt(int i) => Fpr[(FpuTop + i) & 7];

    internal int FpuTop => (Fsw >> 11) & 7;

    /// <summary>Reads an MSR as RDMSR would; false for an MSR this CPU does not have.</summary>
    public bool TryReadMsr(uint index, out ulong value)
    {
        switch (index)
        {
            case Msr.Efer: value = EferValue; return true;
            case Msr.FsBase: value = FsBase; return true;
            case Msr.GsBase: value = GsBase; return true;
            case Msr.KernelGsBase: value = KernelGsBase; return true;
            case Msr.Star: value = Star; return true;
            case Msr.Lstar: value = Lstar; return true;
            case Msr.Cstar: value = Cstar; return true;
            case Msr.Fmask: value = Fmask; return true;
            case Msr.Tsc: value = Tsc; return true;
            case Msr.MtrrCap: value = 0x508; return true;
            default: return OtherMsrs.TryGetValue(index, out value);
        }
    }

    /// <summary>Writes an MSR as WRMSR would (without the non-canonical checks); false for an MSR this CPU does not have.</summary>
    public bool TryWriteMsr(uint index, ulong value)
    {
        switch (index)
        {
            case Msr.Efer: Efer = (value & ~Cr.EferLma) | (EferValue & Cr.EferLma); return true;
            case Msr.FsBase: FsBase = value; return true;
            case Msr.GsBase: GsBase = value; return true;
            case Msr.KernelGsBase: KernelGsBase = value; return true;
            case Msr.Star: Star = value; return true;
            case Msr.Lstar: Lstar = value; return true;
            case Msr.Cstar: Cstar = value; return true;
            case Msr.Fmask: Fmask = value; return true;
            case Msr.Tsc: TscOffset = value - InstructionsRetired; return true;
            case Msr.MtrrCap: return false;
            default:
                if (!OtherMsrs.ContainsKey(index))
                {
                    return false;
                }

                OtherMsrs[index] = value;
                return true;
        }
    }

    /// <summary>Returns every register to its power-on value (real mode at F000:FFF0) and empties caches.</summary>
    public void Reset()
    {
        ((Span<ulong>)Gpr).Clear();
        Array.Clear(Dr);
        Array.Clear(Xmm);
        Array.Clear(Fpr);
        Dr[6] = 0xFFFF0FF0;
        Dr[7] = 0x400;
        Gpr[2] = (uint)((Model.Family << 8) | (Model.Model << 4) | Model.Stepping);
        WriteFlagsRaw(2);
        RipValue = 0xFFF0;
        Cr0Value = 0x6000_0010;
        Cr2 = 0;
        Cr3Value = 0;
        Cr4Value = 0;
        Cr8 = 0;
        EferValue = 0;
        Xcr0 = 1;
        for (var s = 0; s < 6; s++)
        {
            Seg[s] = new SegmentCache(0, 0, 0xFFFF, 0x93);
        }

        Seg[1] = new SegmentCache(0xF000, 0xFFFF_0000, 0xFFFF, 0x9B);
        Gdtr = new DescriptorTableRegister(0, 0xFFFF);
        Idtr = new DescriptorTableRegister(0, 0xFFFF);
        Ldtr = new SegmentCache(0, 0, 0xFFFF, 0x82);
        Tr = new SegmentCache(0, 0, 0xFFFF, 0x8B);
        KernelGsBase = Star = Lstar = Cstar = Fmask = 0;
        Fcw = 0x037F;
        Fsw = 0;
        Ftw = 0xFFFF;
        Fop = 0;
        Fip = Fdp = 0;
        Mxcsr = 0x1F80;
        OtherMsrs.Clear();
        OtherMsrs[Msr.ApicBase] = 0xFEE0_0900;
        OtherMsrs[Msr.TscAdjust] = 0;
        OtherMsrs[Msr.SpecCtrl] = 0;
        OtherMsrs[Msr.SysenterCs] = 0;
        OtherMsrs[Msr.SysenterEsp] = 0;
        OtherMsrs[Msr.SysenterEip] = 0;
        OtherMsrs[Msr.MiscEnable] = 1;
        OtherMsrs[Msr.Pat] = 0x0007_0406_0007_0406;
        OtherMsrs[Msr.MtrrDefType] = 0;
        OtherMsrs[Msr.UCet] = 0;
        OtherMsrs[Msr.SCet] = 0;
        OtherMsrs[Msr.TscAux] = 0;
        foreach (var m in Msr.FixedMtrrs)
        {
            OtherMsrs[m] = 0;
        }

        CplValue = 0;
        InstructionsRetired = 0;
        TscOffset = 0;
        ResetEvents();
        UpdateMode();
        FlushTlb(true);
    }

    internal void UpdateMode()
    {
        // Slots are keyed by linear address but hold CS-relative values (next RIP, branch targets): a new CS base voids them.
        if (Seg[1].Base != _decodedCodeBase)
        {
            _decodedCodeBase = Seg[1].Base;
            FlushDecodeCache();
        }

        if ((EferValue & Cr.EferLma) != 0 && (Seg[1].Attributes & SegmentCache.LongBit) != 0)
        {
            Bitness = 64;
        }
        else
        {
            Bitness = (Seg[1].Attributes & SegmentCache.DefaultBigBit) != 0 ? 32 : 16;
        }

        IpMask = Bitness == 64 ? ulong.MaxValue : Bitness == 32 ? 0xFFFF_FFFF : 0xFFFF;
        _tlb = CplValue == 3 ? UserTlb : _tlbSupervisor;
        _modeKey = (uint)Bitness | (CplValue == 3 ? 0x80u : 0) | (_decodeGeneration << 8);
    }
}
