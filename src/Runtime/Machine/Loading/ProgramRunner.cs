using System.Diagnostics;
using KjTest.Runtime.Machine.Cpu;
using KjTest.Runtime.Machine.Devices;

namespace KjTest.Runtime.Machine.Loading;

/// <summary>
/// Runs a program image on a default machine: long mode (or flat 32-bit protected mode) at CPL 0,
/// the Linux system calls of <see cref="LinuxSyscalls"/>, the default devices of
/// <see cref="MachineDevices"/> (debugcon and UART bytes go to stdout, isa-debug-exit ends the
/// run) and a Linux-style initial stack (argc, argv, envp, auxv).
/// </summary>
public static class ProgramRunner
{
    /// <summary>Runs <paramref name="image"/>; devices beyond the default set can be attached through <paramref name="configure"/>.</summary>
    public static ProgramRunResult Run(
        GuestImage image,
        ulong memorySize,
        ulong maxInstructions,
        Stream stdout,
        Stream stderr,
        TextWriter? trace = null,
        Action<MachineBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var builder = new MachineBuilder().WithMemory(memorySize);
        configure?.Invoke(builder);
        var machine = builder.Build();
        var cpu = machine.Cpu;
        // The bytes stream to stdout; nothing is kept, so output costs no memory however long the run.
        var devices = MachineDevices.CreateDefault(machine.Bus, stdout.WriteByte, stdout.WriteByte, captureCap: 0);
        devices.DebugExit.Exited = code => cpu.RequestStop((int)code);
        cpu.InterruptController ??= devices.Pic;
        image.LoadInto(machine);
        var layout = image.Bitness == 64 ? MachineSetup.LongMode(machine, image.Entry) : MachineSetup.ProtectedMode32(machine, image.Entry);
        BuildInitialStack(machine, layout.StackTop, image.Bitness);
        new LinuxSyscalls(stdout, stderr).Attach(cpu);
        cpu.Trace = trace;
        var watch = Stopwatch.StartNew();
        var outcome = cpu.Run(new ExecutionLimits(maxInstructions));
        watch.Stop();
        var exitCode = outcome.Reason switch
        {
            StopReason.GuestExit => outcome.ExitCode ?? 0,
            StopReason.Halted => 0,
            StopReason.InstructionLimit or StopReason.Deadline or StopReason.Cancelled => ProgramRunResult.TimeoutExitCode,
            _ => ProgramRunResult.CrashExitCode,
        };
        return new ProgramRunResult(outcome, exitCode, watch.Elapsed);
    }

    private static void BuildInitialStack(X86Machine machine, ulong stackTop, int bitness)
    {
        var word = bitness / 8;
        var name = "guest\0"u8.ToArray();
        var nameAddress = stackTop - 64;
        var random = nameAddress - 16;
        machine.Load(nameAddress, name);
        machine.Load(random, new byte[16]);
        ulong[] words = [1, nameAddress, 0, 0, 6, 4096, 25, random, 0, 0];
        var sp = (random - ((ulong)words.Length * (ulong)word)) & ~0xFUL;
        for (var k = 0; k < words.Length; k++)
        {
            if (word == 8)
            {
                machine.Memory.WriteUInt64(sp + (ulong)(k * 8), words[k]);
            }
            else
            {
                machine.Memory.WriteUInt32(sp + (ulong)(k * 4), (uint)words[k]);
            }
        }

        machine.Cpu.SetGpr(4, sp);
    }
}
