using System.Runtime.InteropServices;
using KjTest.Dsl.Images;
using SharpFuzz;

namespace KjTest.Fuzz;

/// <summary>
/// <c>KjTest.Fuzz TARGET</c> runs a target under afl-fuzz (SharpFuzz's out-of-process fork server; the input comes on
/// standard input). <c>KjTest.Fuzz TARGET FILE...</c> runs it once on each file in this process and prints any
/// exception with its stack trace (exit 1), for triage and replay. <c>KjTest.Fuzz --list</c> lists the targets;
/// <c>KjTest.Fuzz --assemble BITS IN.asm OUT.bin</c> makes a CPU seed with KjTest's own assembler.
/// </summary>
public static class Program
{
    /// <summary>The size of AFL's coverage map, which SharpFuzz's instrumentation indexes.</summary>
    private const int TraceMapSize = 1 << 16;

    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        GiveTraceMemory();
        if (args.Length == 0 || args[0] is "--list" or "-h" or "--help")
        {
            Console.Out.WriteLine("usage: KjTest.Fuzz TARGET [FILE...]; targets:");
            foreach (var target in Targets.All)
            {
                Console.Out.WriteLine($"  {target.Name,-6} {target.Description}");
            }

            return args.Length == 0 ? 2 : 0;
        }

        if (args[0] == "--assemble" && args.Length == 4)
        {
            return Assemble(args[1], args[2], args[3]);
        }

        if (Targets.Find(args[0]) is not { } chosen)
        {
            Console.Error.WriteLine($"KjTest.Fuzz: unknown target '{args[0]}' (--list lists them)");
            return 2;
        }

        if (args.Length == 1)
        {
            Fuzzer.OutOfProcess.Run(stream => chosen.Run(ReadAll(stream)));
            return 0;
        }

        return Replay(chosen, args[1..]);
    }

    /// <summary>
    /// Instrumented code records coverage in SharpFuzz's trace memory from its first line on, even before afl-fuzz's
    /// shared memory is attached (the targets' static set-up runs first) and when it never is (replay): until then
    /// it writes to a buffer of its own.
    /// </summary>
    private static unsafe void GiveTraceMemory()
    {
        if (SharpFuzz.Common.Trace.SharedMem == null)
        {
            SharpFuzz.Common.Trace.SharedMem = (byte*)NativeMemory.AllocZeroed(TraceMapSize);
        }
    }

    private static int Replay(FuzzTarget target, IEnumerable<string> paths)
    {
        var failed = 0;
        foreach (var path in paths)
        {
            try
            {
                target.Run(File.ReadAllBytes(path));
                Console.Out.WriteLine($"{path}: ok");
            }
#pragma warning disable CA1031 // Replay reports every exception the target lets out: that is what it is for.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failed++;
                Console.Out.WriteLine($"{path}: {e}");
            }
        }

        return failed == 0 ? 0 : 1;
    }

    private static int Assemble(string bits, string input, string output)
    {
        var source = AsmSource.FromFile(input, File.ReadAllText(input));
        var result = Assembler.Assemble(source, Targets.FlatLoadAddress, bits == "32" ? 32 : 64);
        foreach (var diagnostic in result.Diagnostics)
        {
            Console.Error.WriteLine(diagnostic);
        }

        if (result.Diagnostics.Any(d => d.IsError))
        {
            return 1;
        }

        File.WriteAllBytes(output, result.Bytes);
        return 0;
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
