using System.Diagnostics;
using KjTest.Runtime.Machine.Loading;

namespace KjTest.Runtime.Tests.Machine.Cpu;

/// <summary>
/// Runs one static x86-64 program natively on the host CPU and in the interpreter and compares its
/// output: results and defined flags of the integer instructions over pseudo-random operands.
/// Needs gcc (the CI installs it).
/// </summary>
public class HostCrossCheckTests
{
    private const string Source = """
        typedef unsigned long u64;
        static long sys(long n, long a, long b, long c) { long r; __asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c) : "rcx", "r11", "memory"); return r; }
        static char out[1 << 16]; static int used;
        static void flush(void) { sys(1, 1, (long)out, used); used = 0; }
        static void hex(u64 v) { for (int i = 60; i >= 0; i -= 4) out[used++] = "0123456789abcdef"[(v >> i) & 15]; out[used++] = ' '; }
        static void line(int op, int width, u64 a, u64 b, u64 r, u64 f) { hex(op); hex(width); hex(a); hex(b); hex(r); hex(f); out[used - 1] = '\n'; if (used > (1 << 16) - 200) flush(); }
        static u64 seed = 0x2545F4914F6CDD1DUL;
        static u64 next(void) { seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17; return seed; }
        #define FL(m) ({ u64 f_; __asm__ volatile("pushfq; pop %0" : "=r"(f_)); f_ & (m); })
        #define BIN(id, ins, mask, suf, T, reg) { T x = (T)a, y = (T)b; u64 f; __asm__ volatile(ins " %2, %0\n pushfq\n pop %1" : "+r"(x), "=r"(f) : reg(y) : "cc"); line(id, sizeof(T), (T)a, (T)b, x, f & (mask)); }
        #define ALL(id, ins, mask) BIN(id, ins "b", mask, b, unsigned char, "q") BIN(id, ins "w", mask, w, unsigned short, "r") BIN(id, ins "l", mask, l, unsigned int, "r") BIN(id, ins "q", mask, q, u64, "r")
        #define CIN(id, ins, mask) { for (int c = 0; c < 2; c++) { u64 f; unsigned int x = (unsigned int)a, y = (unsigned int)b; __asm__ volatile("bt $0, %3\n" ins " %2, %0\n pushfq\n pop %1" : "+r"(x), "=r"(f) : "r"(y), "r"((u64)c) : "cc"); line(id + c, 4, a, b, x, f & (mask)); } }
        #define SH(id, ins, mask, T) { T x = (T)a; unsigned char n = (unsigned char)(b % (8 * sizeof(T))); u64 f; __asm__ volatile(ins " %%cl, %0\n pushfq\n pop %1" : "+r"(x), "=r"(f) : "c"(n) : "cc"); line(id, sizeof(T), (T)a, n, x, n == 0 ? 0 : f & ((n == 1 ? 0x800 : 0) | (mask))); }
        #define SHALL(id, ins, mask) SH(id, ins "b", mask, unsigned char) SH(id, ins "w", mask, unsigned short) SH(id, ins "l", mask, unsigned int) SH(id, ins "q", mask, u64)
        void _start(void) {
          for (int k = 0; k < 400; k++) {
            u64 a = next(), b = next();
            if (k & 1) a &= 0xFF; if (k & 2) b = a; if (k & 4) b = (u64)-(long)b; if (k % 7 == 0) a = 0x8000000000000000UL >> (k % 64);
            ALL(1, "add", 0x8D5) ALL(2, "sub", 0x8D5) ALL(3, "and", 0x8C5) ALL(4, "or", 0x8C5) ALL(5, "xor", 0x8C5) ALL(6, "cmp", 0x8D5)
            CIN(7, "adc", 0x8D5) CIN(9, "sbb", 0x8D5)
            SHALL(11, "shl", 0xC5) SHALL(12, "shr", 0xC5) SHALL(13, "sar", 0xC5) SHALL(14, "rol", 0x1) SHALL(15, "ror", 0x1) SHALL(16, "rcl", 0x1) SHALL(17, "rcr", 0x1)
            { u64 x = a, f; __asm__ volatile("imul %2, %0\n pushfq\n pop %1" : "+r"(x), "=r"(f) : "r"(b) : "cc"); line(18, 8, a, b, x, f & 0x801); }
            { unsigned int x = (unsigned int)a, f; u64 ff; __asm__ volatile("imul %2, %0\n pushfq\n pop %1" : "+r"(x), "=r"(ff) : "r"((unsigned int)b) : "cc"); f = ff & 0x801; line(19, 4, a, b, x, f); }
            { u64 lo = a, hi, f; __asm__ volatile("mulq %3\n pushfq\n pop %2" : "+a"(lo), "=d"(hi), "=r"(f) : "r"(b) : "cc"); line(20, 8, lo, hi, a, f & 0x801); }
            { u64 x = 0, f; __asm__ volatile("bsf %2, %0\n pushfq\n pop %1" : "+r"(x), "=r"(f) : "r"(b) : "cc"); line(21, 8, b, 0, b ? x : 0, f & 0x40); }
            { u64 x = 0, f; __asm__ volatile("bsr %2, %0\n pushfq\n pop %1" : "+r"(x), "=r"(f) : "r"(b) : "cc"); line(22, 8, b, 0, b ? x : 0, f & 0x40); }
            { u64 x = 0, f; __asm__ volatile("popcnt %2, %0\n pushfq\n pop %1" : "+r"(x), "=r"(f) : "r"(a) : "cc"); line(23, 8, a, 0, x, f & 0x8D5); }
            { u64 x = a, f; unsigned char n = b & 31; __asm__ volatile("shld %%cl, %2, %0\n pushfq\n pop %1" : "+r"(x), "=r"(f) : "r"(b), "c"(n) : "cc"); line(24, 8, a, n, x, n ? f & ((n == 1 ? 0x800 : 0) | 0xC5) : 0); }
            { unsigned int x = (unsigned int)a, f32; u64 f; unsigned char n = b & 31; __asm__ volatile("shrd %%cl, %2, %0\n pushfq\n pop %1" : "+r"(x), "=r"(f) : "r"((unsigned int)b), "c"(n) : "cc"); f32 = n ? f & ((n == 1 ? 0x800 : 0) | 0xC5) : 0; line(25, 4, a, n, x, f32); }
            { u64 x = a, f; __asm__ volatile("btc %2, %0\n pushfq\n pop %1" : "+r"(x), "=r"(f) : "r"(b) : "cc"); line(26, 8, a, b & 63, x, f & 1); }
            { u64 x = a, f; __asm__ volatile("incq %0\n pushfq\n pop %1" : "+r"(x), "=r"(f) :: "cc"); line(27, 8, a, 0, x, f & 0x8D5); }
            { unsigned char x = (unsigned char)a; u64 f; __asm__ volatile("decb %0\n pushfq\n pop %1" : "+r"(x), "=r"(f) :: "cc"); line(28, 1, a, 0, x, f & 0x8D5); }
            { u64 x = a, f; __asm__ volatile("negq %0\n pushfq\n pop %1" : "+r"(x), "=r"(f) :: "cc"); line(29, 8, a, 0, x, f & 0x8D5); }
            if (b != 0) { u64 q = a, r = 0; __asm__ volatile("divq %2" : "+a"(q), "+d"(r) : "r"(b) : "cc"); line(30, 8, a, b, q, r); }
          }
          flush();
          sys(60, 0, 0, 0);
        }
        """;

    [Test]
    public void Integer_results_and_defined_flags_match_the_host_cpu()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"kjtest-cross-{Environment.ProcessId}");
        Directory.CreateDirectory(directory);
        var source = Path.Combine(directory, "ops.c");
        var binary = Path.Combine(directory, "ops");
        File.WriteAllText(source, Source);
        var (gccExit, gccOutput) = RunProcess("gcc", $"-O1 -static -nostdlib -fno-stack-protector -fno-pie -no-pie -mgeneral-regs-only -o {binary} {source}");
        if (gccExit == -1)
        {
            Assert.Ignore("gcc is not installed");
        }

        Assert.That(gccExit, Is.Zero, gccOutput);
        var (nativeExit, native) = RunProcess(binary, "");
        Assert.That(nativeExit, Is.Zero);

        var image = ElfImageReader.TryRead(File.ReadAllBytes(binary), out var error);
        Assert.That(image, Is.Not.Null, error);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        var result = ProgramRunner.Run(image!, 64UL << 20, 50_000_000, stdout, stderr);
        Assert.That(result.ExitCode, Is.Zero, result.Outcome.ToString());
        var emulated = System.Text.Encoding.ASCII.GetString(stdout.ToArray()).Split('\n');
        var expected = native.Split('\n');
        Assert.That(expected, Has.Length.GreaterThan(10_000));
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.That(k < emulated.Length ? emulated[k] : "<missing>", Is.EqualTo(expected[k]), $"line {k} (op, width, a, b, result, flags)");
        }
    }

    private static (int ExitCode, string Output) RunProcess(string file, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (-1, "");
        }
    }
}
