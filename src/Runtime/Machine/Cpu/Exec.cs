using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

/// <summary>Instruction semantics, split by family; <see cref="Execute"/> dispatches on the mnemonic.</summary>
internal static partial class Exec
{
    public static void Execute(X86Cpu c, in Instruction i)
    {
        switch (i.Mnemonic)
        {
            case Mnemonic.Mov: Mov(c, i); break;
            case Mnemonic.Add: Alu(c, i, AluKind.Add); break;
            case Mnemonic.Or: Alu(c, i, AluKind.Or); break;
            case Mnemonic.Adc: Alu(c, i, AluKind.Adc); break;
            case Mnemonic.Sbb: Alu(c, i, AluKind.Sbb); break;
            case Mnemonic.And: Alu(c, i, AluKind.And); break;
            case Mnemonic.Sub: Alu(c, i, AluKind.Sub); break;
            case Mnemonic.Xor: Alu(c, i, AluKind.Xor); break;
            case Mnemonic.Cmp: Alu(c, i, AluKind.Cmp); break;
            case Mnemonic.Test: Alu(c, i, AluKind.Test); break;
            case Mnemonic.Inc: IncDec(c, i, true); break;
            case Mnemonic.Dec: IncDec(c, i, false); break;
            case Mnemonic.Neg: Neg(c, i); break;
            case Mnemonic.Not: Not(c, i); break;
            case Mnemonic.Mul: Mul(c, i); break;
            case Mnemonic.Imul: Imul(c, i); break;
            case Mnemonic.Div: Div(c, i, false); break;
            case Mnemonic.Idiv: Div(c, i, true); break;
            case Mnemonic.Jo or Mnemonic.Jno or Mnemonic.Jb or Mnemonic.Jae or Mnemonic.Je or Mnemonic.Jne or Mnemonic.Jbe or Mnemonic.Ja
                or Mnemonic.Js or Mnemonic.Jns or Mnemonic.Jp or Mnemonic.Jnp or Mnemonic.Jl or Mnemonic.Jge or Mnemonic.Jle or Mnemonic.Jg:
                if (c.Condition(i.ConditionCode))
                {
                    c.NextRip = i.NearBranchTarget;
                }

                break;
            case Mnemonic.Jmp: Jmp(c, i); break;
            case Mnemonic.Call: Call(c, i); break;
            case Mnemonic.Ret: Ret(c, i); break;
            case Mnemonic.Retf: RetFar(c, i); break;
            case Mnemonic.Push: Push(c, i); break;
            case Mnemonic.Pop: Pop(c, i); break;
            case Mnemonic.Lea: Lea(c, i); break;
            case Mnemonic.Movzx: c.WriteReg(i.Op0Register, c.ReadOp(i, 1, X86Cpu.OpSize(i, 1))); break;
            case Mnemonic.Movsx or Mnemonic.Movsxd: Movsx(c, i); break;
            case Mnemonic.Movbe: Movbe(c, i); break;
            case Mnemonic.Xchg: Xchg(c, i); break;
            case Mnemonic.Cmpxchg: Cmpxchg(c, i); break;
            case Mnemonic.Cmpxchg8b: Cmpxchg8b(c, i); break;
            case Mnemonic.Cmpxchg16b: Cmpxchg16b(c, i); break;
            case Mnemonic.Xadd: Xadd(c, i); break;
            case Mnemonic.Bswap: Bswap(c, i); break;
            case Mnemonic.Shl or Mnemonic.Sal: Shift(c, i, ShiftKind.Shl); break;
            case Mnemonic.Shr: Shift(c, i, ShiftKind.Shr); break;
            case Mnemonic.Sar: Shift(c, i, ShiftKind.Sar); break;
            case Mnemonic.Rol: Shift(c, i, ShiftKind.Rol); break;
            case Mnemonic.Ror: Shift(c, i, ShiftKind.Ror); break;
            case Mnemonic.Rcl: Shift(c, i, ShiftKind.Rcl); break;
            case Mnemonic.Rcr: Shift(c, i, ShiftKind.Rcr); break;
            case Mnemonic.Shld: DoubleShift(c, i, true); break;
            case Mnemonic.Shrd: DoubleShift(c, i, false); break;
            case Mnemonic.Bt: BitTest(c, i, BitKind.Test); break;
            case Mnemonic.Bts: BitTest(c, i, BitKind.Set); break;
            case Mnemonic.Btr: BitTest(c, i, BitKind.Reset); break;
            case Mnemonic.Btc: BitTest(c, i, BitKind.Complement); break;
            case Mnemonic.Bsf: BitScan(c, i, false); break;
            case Mnemonic.Bsr: BitScan(c, i, true); break;
            case Mnemonic.Tzcnt: CountBits(c, i, BitCountKind.Tzcnt); break;
            case Mnemonic.Lzcnt: CountBits(c, i, BitCountKind.Lzcnt); break;
            case Mnemonic.Popcnt: CountBits(c, i, BitCountKind.Popcnt); break;
            case Mnemonic.Seto or Mnemonic.Setno or Mnemonic.Setb or Mnemonic.Setae or Mnemonic.Sete or Mnemonic.Setne or Mnemonic.Setbe or Mnemonic.Seta
                or Mnemonic.Sets or Mnemonic.Setns or Mnemonic.Setp or Mnemonic.Setnp or Mnemonic.Setl or Mnemonic.Setge or Mnemonic.Setle or Mnemonic.Setg:
                c.WriteOp(i, 0, 1, c.Condition(i.ConditionCode) ? 1UL : 0);
                break;
            case Mnemonic.Cmovo or Mnemonic.Cmovno or Mnemonic.Cmovb or Mnemonic.Cmovae or Mnemonic.Cmove or Mnemonic.Cmovne or Mnemonic.Cmovbe or Mnemonic.Cmova
                or Mnemonic.Cmovs or Mnemonic.Cmovns or Mnemonic.Cmovp or Mnemonic.Cmovnp or Mnemonic.Cmovl or Mnemonic.Cmovge or Mnemonic.Cmovle or Mnemonic.Cmovg:
                Cmov(c, i);
                break;
            case Mnemonic.Loop or Mnemonic.Loope or Mnemonic.Loopne: Loop(c, i); break;
            case Mnemonic.Jcxz or Mnemonic.Jecxz or Mnemonic.Jrcxz: JumpIfCountZero(c, i); break;
            case Mnemonic.Movsb or Mnemonic.Movsw or Mnemonic.Movsq: StringOp(c, i, StringKind.Movs); break;
            case Mnemonic.Movsd when i.Code == Code.Movsd_m32_m32: StringOp(c, i, StringKind.Movs); break;
            case Mnemonic.Stosb or Mnemonic.Stosw or Mnemonic.Stosd or Mnemonic.Stosq: StringOp(c, i, StringKind.Stos); break;
            case Mnemonic.Lodsb or Mnemonic.Lodsw or Mnemonic.Lodsd or Mnemonic.Lodsq: StringOp(c, i, StringKind.Lods); break;
            case Mnemonic.Cmpsb or Mnemonic.Cmpsw or Mnemonic.Cmpsq: StringOp(c, i, StringKind.Cmps); break;
            case Mnemonic.Cmpsd when i.Code == Code.Cmpsd_m32_m32: StringOp(c, i, StringKind.Cmps); break;
            case Mnemonic.Scasb or Mnemonic.Scasw or Mnemonic.Scasd or Mnemonic.Scasq: StringOp(c, i, StringKind.Scas); break;
            case Mnemonic.Insb or Mnemonic.Insw or Mnemonic.Insd: StringOp(c, i, StringKind.Ins); break;
            case Mnemonic.Outsb or Mnemonic.Outsw or Mnemonic.Outsd: StringOp(c, i, StringKind.Outs); break;
            case Mnemonic.Cbw: c.WriteReg(Register.AX, (ulong)(long)(sbyte)c.Gpr[0]); break;
            case Mnemonic.Cwde: c.WriteReg(Register.EAX, (ulong)(long)(short)c.Gpr[0]); break;
            case Mnemonic.Cdqe: c.Gpr[0] = (ulong)(long)(int)c.Gpr[0]; break;
            case Mnemonic.Cwd: c.WriteReg(Register.DX, (short)c.Gpr[0] < 0 ? 0xFFFFUL : 0); break;
            case Mnemonic.Cdq: c.WriteReg(Register.EDX, (int)c.Gpr[0] < 0 ? 0xFFFF_FFFFUL : 0); break;
            case Mnemonic.Cqo: c.Gpr[2] = (long)c.Gpr[0] < 0 ? ulong.MaxValue : 0; break;
            case Mnemonic.Clc: c.SetFlag(Cr.FlagCf, false); break;
            case Mnemonic.Stc: c.SetFlag(Cr.FlagCf, true); break;
            case Mnemonic.Cmc: c.SetFlag(Cr.FlagCf, !c.CarryFlag()); break;
            case Mnemonic.Cld: c.SetFlag(Cr.FlagDf, false); break;
            case Mnemonic.Std: c.SetFlag(Cr.FlagDf, true); break;
            case Mnemonic.Lahf: Lahf(c); break;
            case Mnemonic.Sahf: Sahf(c); break;
            case Mnemonic.Xlatb: Xlat(c, i); break;
            case Mnemonic.Pushf or Mnemonic.Pushfd or Mnemonic.Pushfq: Pushf(c, i); break;
            case Mnemonic.Popf or Mnemonic.Popfd or Mnemonic.Popfq: Popf(c, i); break;
            case Mnemonic.Pusha or Mnemonic.Pushad: Pusha(c, i); break;
            case Mnemonic.Popa or Mnemonic.Popad: Popa(c, i); break;
            case Mnemonic.Enter: Enter(c, i); break;
            case Mnemonic.Leave: Leave(c, i); break;
            case Mnemonic.Nop or Mnemonic.Pause or Mnemonic.Lfence or Mnemonic.Sfence or Mnemonic.Mfence or Mnemonic.Endbr64 or Mnemonic.Endbr32
                or Mnemonic.Prefetchnta or Mnemonic.Prefetcht0 or Mnemonic.Prefetcht1 or Mnemonic.Prefetcht2 or Mnemonic.Prefetchw
                or Mnemonic.Clflush or Mnemonic.Clflushopt:
                break;
            case Mnemonic.Int: SoftwareInterrupt(c, i.Immediate8, true); break;
            case Mnemonic.Int3: SoftwareInterrupt(c, 3, true); break;
            case Mnemonic.Int1: SoftwareInterrupt(c, 1, false); break;
            case Mnemonic.Into:
                if (c.Bitness == 64)
                {
                    throw CpuFault.Ud();
                }

                if (c.OverflowFlag())
                {
                    SoftwareInterrupt(c, 4, true);
                }

                break;
            case Mnemonic.Iret: c.InterruptReturn(2); break;
            case Mnemonic.Iretd: c.InterruptReturn(4); break;
            case Mnemonic.Iretq: c.InterruptReturn(8); break;
            case Mnemonic.Syscall: Syscall(c); break;
            case Mnemonic.Sysret or Mnemonic.Sysretq: Sysret(c, i); break;
            case Mnemonic.Sysenter: Sysenter(c); break;
            case Mnemonic.Sysexit or Mnemonic.Sysexitq: Sysexit(c, i); break;
            case Mnemonic.Hlt: Hlt(c); break;
            case Mnemonic.Cli: Cli(c); break;
            case Mnemonic.Sti: Sti(c); break;
            case Mnemonic.In: In(c, i); break;
            case Mnemonic.Out: Out(c, i); break;
            case Mnemonic.Cpuid: Cpuid(c); break;
            case Mnemonic.Rdtsc: Rdtsc(c, false); break;
            case Mnemonic.Rdtscp: Rdtsc(c, true); break;
            case Mnemonic.Rdmsr: Rdmsr(c); break;
            case Mnemonic.Wrmsr: Wrmsr(c); break;
            case Mnemonic.Lgdt or Mnemonic.Lidt: LoadTableRegister(c, i); break;
            case Mnemonic.Sgdt or Mnemonic.Sidt: StoreTableRegister(c, i); break;
            case Mnemonic.Lldt: Lldt(c, i); break;
            case Mnemonic.Ltr: Ltr(c, i); break;
            case Mnemonic.Sldt: StoreSelector(c, i, c.Ldtr.Selector); break;
            case Mnemonic.Str: StoreSelector(c, i, c.Tr.Selector); break;
            case Mnemonic.Smsw: StoreSelector(c, i, (ushort)c.Cr0Value); break;
            case Mnemonic.Lmsw: Lmsw(c, i); break;
            case Mnemonic.Invlpg: Invlpg(c, i); break;
            case Mnemonic.Wbinvd or Mnemonic.Invd: RequireCpl0(c); break;
            case Mnemonic.Clts: RequireCpl0(c); c.Cr0Value &= ~Cr.Cr0Ts; break;
            case Mnemonic.Swapgs: Swapgs(c); break;
            case Mnemonic.Xgetbv: Xgetbv(c); break;
            case Mnemonic.Xsetbv: Xsetbv(c); break;
            case Mnemonic.Ud0 or Mnemonic.Ud1 or Mnemonic.Ud2: throw CpuFault.Ud();
            default:
                if (!Simd(c, i) && !X87(c, i))
                {
                    throw CpuFault.Ud("not implemented by the interpreter");
                }

                break;
        }
    }

    internal static void RequireCpl0(X86Cpu c)
    {
        if (c.CplValue != 0)
        {
            throw CpuFault.Gp();
        }
    }
}
