using Iced.Intel;

namespace KjTest.Runtime.Machine.Cpu;

/// <summary>Instruction semantics, split by family; <see cref="Execute"/> dispatches on the handler chosen at decode time.</summary>
internal static partial class Exec
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public static void Execute(X86Cpu c, ref DecodedInstruction d)
    {
        ref readonly var i = ref c.InstructionOf(ref d);
        switch (d.Handler)
        {
            case Handler.Mov:
                MovFast(c, ref d);
                break;
            case Handler.Add:
                AluFast(c, ref d, AluKind.Add);
                break;
            case Handler.Or:
                AluFast(c, ref d, AluKind.Or);
                break;
            case Handler.Adc:
                AluFast(c, ref d, AluKind.Adc);
                break;
            case Handler.Sbb:
                AluFast(c, ref d, AluKind.Sbb);
                break;
            case Handler.And:
                AluFast(c, ref d, AluKind.And);
                break;
            case Handler.Sub:
                AluFast(c, ref d, AluKind.Sub);
                break;
            case Handler.Xor:
                AluFast(c, ref d, AluKind.Xor);
                break;
            case Handler.Cmp:
                AluFast(c, ref d, AluKind.Cmp);
                break;
            case Handler.Test:
                AluFast(c, ref d, AluKind.Test);
                break;
            case Handler.Inc:
                IncDecFast(c, ref d, true);
                break;
            case Handler.Dec:
                IncDecFast(c, ref d, false);
                break;
            case Handler.Neg:
                Neg(c, i);
                break;
            case Handler.Not:
                Not(c, i);
                break;
            case Handler.Mul:
                Mul(c, i);
                break;
            case Handler.Imul:
                Imul(c, i);
                break;
            case Handler.Div:
                Div(c, i, false);
                break;
            case Handler.Idiv:
                Div(c, i, true);
                break;
            case Handler.Jcc:
                if (c.Condition((ConditionCode)d.Condition))
                {
                    c.NextRip = d.Immediate;
                }

                break;
            case Handler.Jmp:
                Jmp(c, i);
                break;
            case Handler.Call:
                CallFast(c, ref d);
                break;
            case Handler.Ret:
                RetFast(c, ref d);
                break;
            case Handler.Retf:
                RetFar(c, i);
                break;
            case Handler.Push:
                PushFast(c, ref d);
                break;
            case Handler.Pop:
                PopFast(c, ref d);
                break;
            case Handler.Lea:
                LeaFast(c, ref d);
                break;
            case Handler.Movzx:
                c.WriteReg(i.Op0Register, c.ReadOp(i, 1, X86Cpu.OpSize(i, 1)));
                break;
            case Handler.Movsx:
                Movsx(c, i);
                break;
            case Handler.Movbe:
                Movbe(c, i);
                break;
            case Handler.Xchg:
                Xchg(c, i);
                break;
            case Handler.Cmpxchg:
                Cmpxchg(c, i);
                break;
            case Handler.Cmpxchg8b:
                Cmpxchg8b(c, i);
                break;
            case Handler.Cmpxchg16b:
                Cmpxchg16b(c, i);
                break;
            case Handler.Xadd:
                Xadd(c, i);
                break;
            case Handler.Bswap:
                Bswap(c, i);
                break;
            case Handler.Shl:
                Shift(c, i, ShiftKind.Shl);
                break;
            case Handler.Shr:
                Shift(c, i, ShiftKind.Shr);
                break;
            case Handler.Sar:
                Shift(c, i, ShiftKind.Sar);
                break;
            case Handler.Rol:
                Shift(c, i, ShiftKind.Rol);
                break;
            case Handler.Ror:
                Shift(c, i, ShiftKind.Ror);
                break;
            case Handler.Rcl:
                Shift(c, i, ShiftKind.Rcl);
                break;
            case Handler.Rcr:
                Shift(c, i, ShiftKind.Rcr);
                break;
            case Handler.Shld:
                DoubleShift(c, i, true);
                break;
            case Handler.Shrd:
                DoubleShift(c, i, false);
                break;
            case Handler.Bt:
                BitTest(c, i, BitKind.Test);
                break;
            case Handler.Bts:
                BitTest(c, i, BitKind.Set);
                break;
            case Handler.Btr:
                BitTest(c, i, BitKind.Reset);
                break;
            case Handler.Btc:
                BitTest(c, i, BitKind.Complement);
                break;
            case Handler.Bsf:
                BitScan(c, i, false);
                break;
            case Handler.Bsr:
                BitScan(c, i, true);
                break;
            case Handler.Tzcnt:
                CountBits(c, i, BitCountKind.Tzcnt);
                break;
            case Handler.Lzcnt:
                CountBits(c, i, BitCountKind.Lzcnt);
                break;
            case Handler.Popcnt:
                CountBits(c, i, BitCountKind.Popcnt);
                break;
            case Handler.Setcc:
                if (d.Kind0 == OperandClass.Register)
                {
                    c.WriteRegInfo(d.Reg0, c.Condition((ConditionCode)d.Condition) ? 1UL : 0);
                }
                else
                {
                    c.WriteOp(i, 0, 1, c.Condition((ConditionCode)d.Condition) ? 1UL : 0);
                }

                break;
            case Handler.Cmovcc:
                Cmov(c, i);
                break;
            case Handler.Loop:
                Loop(c, i);
                break;
            case Handler.Jcxz:
                JumpIfCountZero(c, i);
                break;
            case Handler.Movsb:
                StringOp(c, i, StringKind.Movs);
                break;
            case Handler.MovsdString:
                StringOp(c, i, StringKind.Movs);
                break;
            case Handler.Stosb:
                StringOp(c, i, StringKind.Stos);
                break;
            case Handler.Lodsb:
                StringOp(c, i, StringKind.Lods);
                break;
            case Handler.Cmpsb:
                StringOp(c, i, StringKind.Cmps);
                break;
            case Handler.CmpsdString:
                StringOp(c, i, StringKind.Cmps);
                break;
            case Handler.Scasb:
                StringOp(c, i, StringKind.Scas);
                break;
            case Handler.Insb:
                StringOp(c, i, StringKind.Ins);
                break;
            case Handler.Outsb:
                StringOp(c, i, StringKind.Outs);
                break;
            case Handler.Cbw:
                c.WriteReg(Register.AX, (ulong)(long)(sbyte)c.Gpr[0]);
                break;
            case Handler.Cwde:
                c.WriteReg(Register.EAX, (ulong)(long)(short)c.Gpr[0]);
                break;
            case Handler.Cdqe:
                c.Gpr[0] = (ulong)(long)(int)c.Gpr[0];
                break;
            case Handler.Cwd:
                c.WriteReg(Register.DX, (short)c.Gpr[0] < 0 ? 0xFFFFUL : 0);
                break;
            case Handler.Cdq:
                c.WriteReg(Register.EDX, (int)c.Gpr[0] < 0 ? 0xFFFF_FFFFUL : 0);
                break;
            case Handler.Cqo:
                c.Gpr[2] = (long)c.Gpr[0] < 0 ? ulong.MaxValue : 0;
                break;
            case Handler.Clc:
                c.SetFlag(Cr.FlagCf, false);
                break;
            case Handler.Stc:
                c.SetFlag(Cr.FlagCf, true);
                break;
            case Handler.Cmc:
                c.SetFlag(Cr.FlagCf, !c.CarryFlag());
                break;
            case Handler.Cld:
                c.SetFlag(Cr.FlagDf, false);
                break;
            case Handler.Std:
                c.SetFlag(Cr.FlagDf, true);
                break;
            case Handler.Lahf:
                Lahf(c);
                break;
            case Handler.Sahf:
                Sahf(c);
                break;
            case Handler.Xlatb:
                Xlat(c, i);
                break;
            case Handler.Pushf:
                Pushf(c, i);
                break;
            case Handler.Popf:
                Popf(c, i);
                break;
            case Handler.Pusha:
                Pusha(c, i);
                break;
            case Handler.Popa:
                Popa(c, i);
                break;
            case Handler.Enter:
                Enter(c, i);
                break;
            case Handler.Leave:
                Leave(c, i);
                break;
            case Handler.NoOperation:
                break;
            case Handler.Int:
                SoftwareInterrupt(c, i.Immediate8, true);
                break;
            case Handler.Int3:
                SoftwareInterrupt(c, 3, true);
                break;
            case Handler.Int1:
                SoftwareInterrupt(c, 1, false);
                break;
            case Handler.Into:
                if (c.Bitness == 64)
                {
                    throw CpuFault.Ud();
                }

                if (c.OverflowFlag())
                {
                    SoftwareInterrupt(c, 4, true);
                }

                break;
            case Handler.Iret:
                c.InterruptReturn(2);
                break;
            case Handler.Iretd:
                c.InterruptReturn(4);
                break;
            case Handler.Iretq:
                c.InterruptReturn(8);
                break;
            case Handler.Syscall:
                Syscall(c);
                break;
            case Handler.Sysret:
                Sysret(c, i);
                break;
            case Handler.Sysenter:
                Sysenter(c);
                break;
            case Handler.Sysexit:
                Sysexit(c, i);
                break;
            case Handler.Hlt:
                Hlt(c);
                break;
            case Handler.Cli:
                Cli(c);
                break;
            case Handler.Sti:
                Sti(c);
                break;
            case Handler.In:
                In(c, i);
                break;
            case Handler.Out:
                Out(c, i);
                break;
            case Handler.Cpuid:
                Cpuid(c);
                break;
            case Handler.Rdtsc:
                Rdtsc(c, false);
                break;
            case Handler.Rdtscp:
                Rdtsc(c, true);
                break;
            case Handler.Rdmsr:
                Rdmsr(c);
                break;
            case Handler.Wrmsr:
                Wrmsr(c);
                break;
            case Handler.Lgdt:
                LoadTableRegister(c, i);
                break;
            case Handler.Sgdt:
                StoreTableRegister(c, i);
                break;
            case Handler.Lldt:
                Lldt(c, i);
                break;
            case Handler.Ltr:
                Ltr(c, i);
                break;
            case Handler.Sldt:
                StoreSelector(c, i, c.Ldtr.Selector);
                break;
            case Handler.Str:
                StoreSelector(c, i, c.Tr.Selector);
                break;
            case Handler.Smsw:
                StoreSelector(c, i, (ushort)c.Cr0Value);
                break;
            case Handler.Lmsw:
                Lmsw(c, i);
                break;
            case Handler.Invlpg:
                Invlpg(c, i);
                break;
            case Handler.Wbinvd:
                RequireCpl0(c);
                break;
            case Handler.Clts:
                RequireCpl0(c); c.Cr0Value &= ~Cr.Cr0Ts;
                break;
            case Handler.Swapgs:
                Swapgs(c);
                break;
            case Handler.Xgetbv:
                Xgetbv(c);
                break;
            case Handler.Xsetbv:
                Xsetbv(c);
                break;
            case Handler.Ud0:
                throw CpuFault.Ud();
            default:
                if (!Simd(c, i) && !X87(c, i))
                {
                    throw CpuFault.Ud("not implemented by the interpreter");
                }

                break;
        }
    }

    /// <summary>The handler for an instruction code; used once per decode, through <see cref="HandlerOf"/>.</summary>
    private static Handler Classify(Code code)
    {
        switch (code.Mnemonic())
        {
            case Mnemonic.Mov: return Handler.Mov;
            case Mnemonic.Add: return Handler.Add;
            case Mnemonic.Or: return Handler.Or;
            case Mnemonic.Adc: return Handler.Adc;
            case Mnemonic.Sbb: return Handler.Sbb;
            case Mnemonic.And: return Handler.And;
            case Mnemonic.Sub: return Handler.Sub;
            case Mnemonic.Xor: return Handler.Xor;
            case Mnemonic.Cmp: return Handler.Cmp;
            case Mnemonic.Test: return Handler.Test;
            case Mnemonic.Inc: return Handler.Inc;
            case Mnemonic.Dec: return Handler.Dec;
            case Mnemonic.Neg: return Handler.Neg;
            case Mnemonic.Not: return Handler.Not;
            case Mnemonic.Mul: return Handler.Mul;
            case Mnemonic.Imul: return Handler.Imul;
            case Mnemonic.Div: return Handler.Div;
            case Mnemonic.Idiv: return Handler.Idiv;
            case Mnemonic.Jo or Mnemonic.Jno or Mnemonic.Jb or Mnemonic.Jae or Mnemonic.Je or Mnemonic.Jne or Mnemonic.Jbe or Mnemonic.Ja
                or Mnemonic.Js or Mnemonic.Jns or Mnemonic.Jp or Mnemonic.Jnp or Mnemonic.Jl or Mnemonic.Jge or Mnemonic.Jle or Mnemonic.Jg: return Handler.Jcc;
            case Mnemonic.Jmp: return Handler.Jmp;
            case Mnemonic.Call: return Handler.Call;
            case Mnemonic.Ret: return Handler.Ret;
            case Mnemonic.Retf: return Handler.Retf;
            case Mnemonic.Push: return Handler.Push;
            case Mnemonic.Pop: return Handler.Pop;
            case Mnemonic.Lea: return Handler.Lea;
            case Mnemonic.Movzx: return Handler.Movzx;
            case Mnemonic.Movsx or Mnemonic.Movsxd: return Handler.Movsx;
            case Mnemonic.Movbe: return Handler.Movbe;
            case Mnemonic.Xchg: return Handler.Xchg;
            case Mnemonic.Cmpxchg: return Handler.Cmpxchg;
            case Mnemonic.Cmpxchg8b: return Handler.Cmpxchg8b;
            case Mnemonic.Cmpxchg16b: return Handler.Cmpxchg16b;
            case Mnemonic.Xadd: return Handler.Xadd;
            case Mnemonic.Bswap: return Handler.Bswap;
            case Mnemonic.Shl or Mnemonic.Sal: return Handler.Shl;
            case Mnemonic.Shr: return Handler.Shr;
            case Mnemonic.Sar: return Handler.Sar;
            case Mnemonic.Rol: return Handler.Rol;
            case Mnemonic.Ror: return Handler.Ror;
            case Mnemonic.Rcl: return Handler.Rcl;
            case Mnemonic.Rcr: return Handler.Rcr;
            case Mnemonic.Shld: return Handler.Shld;
            case Mnemonic.Shrd: return Handler.Shrd;
            case Mnemonic.Bt: return Handler.Bt;
            case Mnemonic.Bts: return Handler.Bts;
            case Mnemonic.Btr: return Handler.Btr;
            case Mnemonic.Btc: return Handler.Btc;
            case Mnemonic.Bsf: return Handler.Bsf;
            case Mnemonic.Bsr: return Handler.Bsr;
            case Mnemonic.Tzcnt: return Handler.Tzcnt;
            case Mnemonic.Lzcnt: return Handler.Lzcnt;
            case Mnemonic.Popcnt: return Handler.Popcnt;
            case Mnemonic.Seto or Mnemonic.Setno or Mnemonic.Setb or Mnemonic.Setae or Mnemonic.Sete or Mnemonic.Setne or Mnemonic.Setbe or Mnemonic.Seta
                or Mnemonic.Sets or Mnemonic.Setns or Mnemonic.Setp or Mnemonic.Setnp or Mnemonic.Setl or Mnemonic.Setge or Mnemonic.Setle or Mnemonic.Setg: return Handler.Setcc;
            case Mnemonic.Cmovo or Mnemonic.Cmovno or Mnemonic.Cmovb or Mnemonic.Cmovae or Mnemonic.Cmove or Mnemonic.Cmovne or Mnemonic.Cmovbe or Mnemonic.Cmova
                or Mnemonic.Cmovs or Mnemonic.Cmovns or Mnemonic.Cmovp or Mnemonic.Cmovnp or Mnemonic.Cmovl or Mnemonic.Cmovge or Mnemonic.Cmovle or Mnemonic.Cmovg: return Handler.Cmovcc;
            case Mnemonic.Loop or Mnemonic.Loope or Mnemonic.Loopne: return Handler.Loop;
            case Mnemonic.Jcxz or Mnemonic.Jecxz or Mnemonic.Jrcxz: return Handler.Jcxz;
            case Mnemonic.Movsb or Mnemonic.Movsw or Mnemonic.Movsq: return Handler.Movsb;
            case Mnemonic.Movsd when code == Code.Movsd_m32_m32: return Handler.MovsdString;
            case Mnemonic.Stosb or Mnemonic.Stosw or Mnemonic.Stosd or Mnemonic.Stosq: return Handler.Stosb;
            case Mnemonic.Lodsb or Mnemonic.Lodsw or Mnemonic.Lodsd or Mnemonic.Lodsq: return Handler.Lodsb;
            case Mnemonic.Cmpsb or Mnemonic.Cmpsw or Mnemonic.Cmpsq: return Handler.Cmpsb;
            case Mnemonic.Cmpsd when code == Code.Cmpsd_m32_m32: return Handler.CmpsdString;
            case Mnemonic.Scasb or Mnemonic.Scasw or Mnemonic.Scasd or Mnemonic.Scasq: return Handler.Scasb;
            case Mnemonic.Insb or Mnemonic.Insw or Mnemonic.Insd: return Handler.Insb;
            case Mnemonic.Outsb or Mnemonic.Outsw or Mnemonic.Outsd: return Handler.Outsb;
            case Mnemonic.Cbw: return Handler.Cbw;
            case Mnemonic.Cwde: return Handler.Cwde;
            case Mnemonic.Cdqe: return Handler.Cdqe;
            case Mnemonic.Cwd: return Handler.Cwd;
            case Mnemonic.Cdq: return Handler.Cdq;
            case Mnemonic.Cqo: return Handler.Cqo;
            case Mnemonic.Clc: return Handler.Clc;
            case Mnemonic.Stc: return Handler.Stc;
            case Mnemonic.Cmc: return Handler.Cmc;
            case Mnemonic.Cld: return Handler.Cld;
            case Mnemonic.Std: return Handler.Std;
            case Mnemonic.Lahf: return Handler.Lahf;
            case Mnemonic.Sahf: return Handler.Sahf;
            case Mnemonic.Xlatb: return Handler.Xlatb;
            case Mnemonic.Pushf or Mnemonic.Pushfd or Mnemonic.Pushfq: return Handler.Pushf;
            case Mnemonic.Popf or Mnemonic.Popfd or Mnemonic.Popfq: return Handler.Popf;
            case Mnemonic.Pusha or Mnemonic.Pushad: return Handler.Pusha;
            case Mnemonic.Popa or Mnemonic.Popad: return Handler.Popa;
            case Mnemonic.Enter: return Handler.Enter;
            case Mnemonic.Leave: return Handler.Leave;
            case Mnemonic.Nop or Mnemonic.Pause or Mnemonic.Lfence or Mnemonic.Sfence or Mnemonic.Mfence or Mnemonic.Endbr64 or Mnemonic.Endbr32
                or Mnemonic.Prefetchnta or Mnemonic.Prefetcht0 or Mnemonic.Prefetcht1 or Mnemonic.Prefetcht2 or Mnemonic.Prefetchw
                or Mnemonic.Clflush or Mnemonic.Clflushopt: return Handler.NoOperation;
            case Mnemonic.Int: return Handler.Int;
            case Mnemonic.Int3: return Handler.Int3;
            case Mnemonic.Int1: return Handler.Int1;
            case Mnemonic.Into: return Handler.Into;
            case Mnemonic.Iret: return Handler.Iret;
            case Mnemonic.Iretd: return Handler.Iretd;
            case Mnemonic.Iretq: return Handler.Iretq;
            case Mnemonic.Syscall: return Handler.Syscall;
            case Mnemonic.Sysret or Mnemonic.Sysretq: return Handler.Sysret;
            case Mnemonic.Sysenter: return Handler.Sysenter;
            case Mnemonic.Sysexit or Mnemonic.Sysexitq: return Handler.Sysexit;
            case Mnemonic.Hlt: return Handler.Hlt;
            case Mnemonic.Cli: return Handler.Cli;
            case Mnemonic.Sti: return Handler.Sti;
            case Mnemonic.In: return Handler.In;
            case Mnemonic.Out: return Handler.Out;
            case Mnemonic.Cpuid: return Handler.Cpuid;
            case Mnemonic.Rdtsc: return Handler.Rdtsc;
            case Mnemonic.Rdtscp: return Handler.Rdtscp;
            case Mnemonic.Rdmsr: return Handler.Rdmsr;
            case Mnemonic.Wrmsr: return Handler.Wrmsr;
            case Mnemonic.Lgdt or Mnemonic.Lidt: return Handler.Lgdt;
            case Mnemonic.Sgdt or Mnemonic.Sidt: return Handler.Sgdt;
            case Mnemonic.Lldt: return Handler.Lldt;
            case Mnemonic.Ltr: return Handler.Ltr;
            case Mnemonic.Sldt: return Handler.Sldt;
            case Mnemonic.Str: return Handler.Str;
            case Mnemonic.Smsw: return Handler.Smsw;
            case Mnemonic.Lmsw: return Handler.Lmsw;
            case Mnemonic.Invlpg: return Handler.Invlpg;
            case Mnemonic.Wbinvd or Mnemonic.Invd: return Handler.Wbinvd;
            case Mnemonic.Clts: return Handler.Clts;
            case Mnemonic.Swapgs: return Handler.Swapgs;
            case Mnemonic.Xgetbv: return Handler.Xgetbv;
            case Mnemonic.Xsetbv: return Handler.Xsetbv;
            case Mnemonic.Ud0 or Mnemonic.Ud1 or Mnemonic.Ud2: return Handler.Ud0;
            default: return Handler.Other;
        }
    }

    private static readonly Handler[] HandlerTable = BuildHandlerTable();

    private static Handler[] BuildHandlerTable()
    {
        var table = new Handler[Enum.GetValues<Code>().Length];
        for (var k = 0; k < table.Length; k++)
        {
            table[k] = Classify((Code)k);
        }

        return table;
    }

    public static Handler HandlerOf(Code code) => HandlerTable[(int)code];

    internal static void RequireCpl0(X86Cpu c)
    {
        if (c.CplValue != 0)
        {
            throw CpuFault.Gp();
        }
    }
}
