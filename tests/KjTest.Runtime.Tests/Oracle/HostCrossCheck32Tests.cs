using System.ComponentModel;
using System.Diagnostics;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// Replays the i386 vectors that touch neither the stack nor EIP on the host CPU, in a
/// separate 32-bit helper process (hostrun32.c, built with gcc -m32), so a crash there
/// cannot take the test host down.
/// </summary>
public sealed class HostCrossCheck32Tests
{
    private const uint ComparedFlags = UndefinedFlags.AllStatus | 0x400;

    [Test]
    public void Host_cpu_agrees_with_the_32_bit_vectors_it_can_run()
    {
        if (!HostCpuRunner.IsSupported)
        {
            Assert.Ignore("the host cross-check needs an x86-64 Linux host");
        }

        var source = FindSource();
        var output = Directory.CreateTempSubdirectory("kjtest-hostrun32-");
        try
        {
            var helper = Path.Combine(output.FullName, "hostrun32");
            var (built, log) = Build(source, helper);
            if (!built)
            {
                Assert.Ignore($"gcc -m32 could not build the i386 host runner (install gcc and gcc-multilib): {log}");
            }

            Compare(helper);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static void Compare(string helper)
    {
        var start = new ProcessStartInfo(helper) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            Assert.Ignore($"this kernel cannot run i386 executables ({e.Message})");
            return;
        }

        using (process)
        {
            var input = new BinaryWriter(process.StandardInput.BaseStream);
            var reply = new BinaryReader(process.StandardOutput.BaseStream);
            var compared = 0;
            var mismatches = new List<string>();
            foreach (var v in OracleVectorReader.LoadMode(OracleVectorReader.DefaultRoot, "i386").SelectMany(f => f.Vectors))
            {
                if (!HostRunnability.CanRun(v, withMemory: true))
                {
                    continue;
                }

                Send(input, v);
                var registers = new ulong[8];
                for (var i = 0; i < 8; i++)
                {
                    var value = reply.ReadUInt32();
                    registers[i] = i == 4 ? v.InitialRegisters[4] : value;
                }

                var flags = reply.ReadUInt32();
                var memoryAgrees = true;
                foreach (var run in v.FinalMemory)
                {
                    memoryAgrees &= reply.ReadBytes(run.Bytes.Length).AsSpan().SequenceEqual(run.Bytes);
                }

                var mask = ComparedFlags & ~v.UndefinedFlagsMask;
                if (!registers.AsSpan().SequenceEqual(v.FinalRegisters) || (flags & mask) != (v.FinalFlags & mask) || !memoryAgrees)
                {
                    mismatches.Add($"{v.Source} {v.Form}: host flags {flags:x} vs {v.FinalFlags:x}, memory {(memoryAgrees ? "same" : "differs")}, registers {string.Join(',', registers.Select(r => r.ToString("x")))}");
                }

                compared++;
            }

            process.StandardInput.Close();
            process.WaitForExit(10_000);
            TestContext.Out.WriteLine($"compared {compared} i386 vectors with the host CPU");
            Assert.That(mismatches, Is.Empty, string.Join("\n", mismatches.Take(20)));
            Assert.That(compared, Is.GreaterThan(2000));
        }
    }

    private static void Send(BinaryWriter input, OracleVector v)
    {
        var bytes = new byte[16];
        v.Bytes.CopyTo(bytes, 0);
        input.Write((uint)v.Bytes.Length);
        input.Write(bytes);
        for (var i = 0; i < 8; i++)
        {
            input.Write((uint)v.InitialRegisters[i]);
        }

        input.Write(v.InitialFlags);
        input.Write((uint)v.InitialMemory.Count);
        foreach (var run in v.InitialMemory)
        {
            input.Write((uint)run.Address);
            input.Write((uint)run.Bytes.Length);
            input.Write(run.Bytes);
        }

        input.Write((uint)v.FinalMemory.Count);
        foreach (var run in v.FinalMemory)
        {
            input.Write((uint)run.Address);
            input.Write((uint)run.Bytes.Length);
        }

        input.Flush();
    }

    private static (bool Built, string Log) Build(string source, string helper)
    {
        try
        {
            using var gcc = Process.Start(new ProcessStartInfo("gcc", ["-m32", "-O1", "-o", helper, source]) { RedirectStandardError = true, UseShellExecute = false })!;
            var log = gcc.StandardError.ReadToEnd();
            gcc.WaitForExit();
            return (gcc.ExitCode == 0, log);
        }
        catch (Win32Exception e)
        {
            return (false, e.Message);
        }
    }

    private static string FindSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "KjTest.Runtime.Tests", "Oracle", "hostrun32.c");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("hostrun32.c not found above " + AppContext.BaseDirectory);
    }
}
