using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// One Unicorn x86 engine: map memory, set registers, run single instructions, read back.
/// Memory reads and writes of the guest and CPU exceptions are recorded for the last step.
/// </summary>
internal sealed unsafe class UnicornEngine : IDisposable
{
    private static readonly Lazy<bool> Available = new(() => NativeLibrary.TryLoad(UnicornNative.Library, out _));

    private readonly GCHandle _self;
    private nint _engine;

    /// <summary>Opens an engine in <paramref name="mode"/>, optionally with a CPU model (uc_cpu_x86 value).</summary>
    /// <param name="mode">32- or 64-bit.</param>
    /// <param name="cpuModel">A uc_cpu_x86 value, or null for Unicorn's default.</param>
    /// <param name="recordAccesses">
    /// Install memory hooks that fill <see cref="Accesses"/>. Unicorn 2.0.1 computes wrong
    /// flags for shifts with a memory destination while memory hooks are installed, so run
    /// results must come from an engine without them.
    /// </param>
    /// <exception cref="UnicornException">Unicorn refused.</exception>
    public UnicornEngine(UnicornMode mode, int? cpuModel = null, bool recordAccesses = true)
    {
        Mode = mode;
        Check("uc_open", UnicornNative.Open(UnicornNative.ArchX86, (int)mode, out _engine));
        if (cpuModel is { } model)
        {
            Check("uc_ctl(cpu model)", UnicornNative.Control(_engine, UnicornNative.CtlWriteCpuModel, model));
        }

        _self = GCHandle.Alloc(this);
        nuint hook;
        if (recordAccesses)
        {
            Check("uc_hook_add(mem)", UnicornNative.HookAdd(_engine, out hook, UnicornNative.HookMemRead | UnicornNative.HookMemWrite,
                (delegate* unmanaged[Cdecl]<nint, int, ulong, int, long, nint, void>)&OnMemory, GCHandle.ToIntPtr(_self), 1, 0));
        }

        Check("uc_hook_add(intr)", UnicornNative.HookAdd(_engine, out hook, UnicornNative.HookInterrupt,
            (delegate* unmanaged[Cdecl]<nint, uint, nint, void>)&OnInterrupt, GCHandle.ToIntPtr(_self), 1, 0));
    }

    /// <summary>True when libunicorn.so.2 can be loaded on this machine.</summary>
    public static bool IsAvailable => Available.Value;

    /// <summary>The library's version, e.g. <c>2.0</c> plus the packed build number.</summary>
    public static string Version
    {
        get
        {
            var packed = UnicornNative.Version(out var major, out var minor);
            return $"{major}.{minor} (0x{packed:x})";
        }
    }

    /// <summary>The mode the engine was opened in.</summary>
    public UnicornMode Mode { get; }

    /// <summary>Guest memory accesses of the last <see cref="Step"/>: address, size, true for a write.</summary>
    public List<(ulong Address, int Size, bool IsWrite)> Accesses { get; } = [];

    /// <summary>The interrupt or exception vector raised during the last <see cref="Step"/>, if any.</summary>
    public uint? Interrupt { get; private set; }

    /// <summary>Maps <paramref name="size"/> bytes (page multiple) read/write/execute at <paramref name="address"/>.</summary>
    public void Map(ulong address, ulong size) =>
        Check("uc_mem_map", UnicornNative.MemMap(_engine, address, (nuint)size, UnicornNative.ProtAll));

    /// <summary>Writes guest memory.</summary>
    public void Write(ulong address, ReadOnlySpan<byte> bytes)
    {
        fixed (byte* p = bytes)
        {
            Check("uc_mem_write", UnicornNative.MemWrite(_engine, address, p, (nuint)bytes.Length));
        }
    }

    /// <summary>Reads guest memory.</summary>
    public void Read(ulong address, Span<byte> bytes)
    {
        fixed (byte* p = bytes)
        {
            Check("uc_mem_read", UnicornNative.MemRead(_engine, address, p, (nuint)bytes.Length));
        }
    }

    /// <summary>Reads a register (segment selectors and 32-bit registers are zero-extended).</summary>
    public ulong Get(UnicornRegister register)
    {
        Check("uc_reg_read", UnicornNative.RegRead(_engine, (int)register, out var value));
        return register is UnicornRegister.Eflags or UnicornRegister.Eip || Mode == UnicornMode.Bits32 ? value & 0xFFFF_FFFF : value;
    }

    /// <summary>Writes a register.</summary>
    public void Set(UnicornRegister register, ulong value) =>
        Check("uc_reg_write", UnicornNative.RegWrite(_engine, (int)register, in value));

    /// <summary>
    /// Drops Unicorn's translated code for [begin, end). Unicorn does not notice code
    /// rewritten through <see cref="Write"/> at an address it has already translated, so
    /// call this after replacing instructions.
    /// </summary>
    public void FlushCode(ulong begin, ulong end) =>
        Check("uc_ctl(remove cache)", UnicornNative.Control(_engine, UnicornNative.CtlWriteTbRemoveCache, begin, end));

    /// <summary>
    /// Runs exactly one instruction at <paramref name="address"/>. Returns the uc_err code
    /// (0 on success); memory accesses and any exception vector are in <see cref="Accesses"/>
    /// and <see cref="Interrupt"/>.
    /// </summary>
    public int Step(ulong address)
    {
        Accesses.Clear();
        Interrupt = null;
        return UnicornNative.EmuStart(_engine, address, ulong.MaxValue, 0, 1);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (_engine != 0)
        {
            _ = UnicornNative.Close(_engine);
            _engine = 0;
            _self.Free();
        }
    }

    private static void Check(string call, int code)
    {
        if (code != 0)
        {
            var message = Marshal.PtrToStringUTF8(UnicornNative.StrError(code)) ?? "?";
            throw new UnicornException(call, code, message);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnMemory(nint engine, int type, ulong address, int size, long value, nint self)
    {
        var me = (UnicornEngine)GCHandle.FromIntPtr(self).Target!;

        // uc_mem_type: UC_MEM_READ = 16, UC_MEM_WRITE = 17.
        me.Accesses.Add((address, size, type == 17));
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void OnInterrupt(nint engine, uint vector, nint self)
    {
        var me = (UnicornEngine)GCHandle.FromIntPtr(self).Target!;
        me.Interrupt = vector;
        _ = UnicornNative.EmuStop(engine);
    }
}
