using System.Runtime.InteropServices;

namespace KjTest.Runtime.Tests.Oracle;

/// <summary>
/// P/Invoke declarations for the system's Unicorn 2 library. Unicorn is GPL, so it is only
/// ever loaded by tests and the vector generator, never by shipped code.
/// </summary>
internal static partial class UnicornNative
{
    public const string Library = "libunicorn.so.2";

    public const int ArchX86 = 4;
    public const int ProtAll = 7;
    public const int HookInterrupt = 1;
    public const int HookMemRead = 1 << 10;
    public const int HookMemWrite = 1 << 11;
    public const int ErrException = 21;

    /// <summary>UC_CTL_WRITE(UC_CTL_CPU_MODEL, 1).</summary>
    public const int CtlWriteCpuModel = 0x44000007;

    /// <summary>UC_CTL_WRITE(UC_CTL_TB_REMOVE_CACHE, 2): drop the translated blocks covering [begin, end).</summary>
    public const int CtlWriteTbRemoveCache = 0x48000009;

    [LibraryImport(Library, EntryPoint = "uc_version")]
    public static partial uint Version(out uint major, out uint minor);

    [LibraryImport(Library, EntryPoint = "uc_open")]
    public static partial int Open(int arch, int mode, out nint engine);

    [LibraryImport(Library, EntryPoint = "uc_close")]
    public static partial int Close(nint engine);

    [LibraryImport(Library, EntryPoint = "uc_ctl")]
    public static partial int Control(nint engine, int control, int argument);

    [LibraryImport(Library, EntryPoint = "uc_ctl")]
    public static partial int Control(nint engine, int control, ulong begin, ulong end);

    [LibraryImport(Library, EntryPoint = "uc_strerror")]
    public static partial nint StrError(int code);

    [LibraryImport(Library, EntryPoint = "uc_mem_map")]
    public static partial int MemMap(nint engine, ulong address, nuint size, uint perms);

    [LibraryImport(Library, EntryPoint = "uc_mem_write")]
    public static unsafe partial int MemWrite(nint engine, ulong address, byte* bytes, nuint size);

    [LibraryImport(Library, EntryPoint = "uc_mem_read")]
    public static unsafe partial int MemRead(nint engine, ulong address, byte* bytes, nuint size);

    [LibraryImport(Library, EntryPoint = "uc_reg_write")]
    public static partial int RegWrite(nint engine, int register, in ulong value);

    [LibraryImport(Library, EntryPoint = "uc_reg_read")]
    public static partial int RegRead(nint engine, int register, out ulong value);

    [LibraryImport(Library, EntryPoint = "uc_emu_start")]
    public static partial int EmuStart(nint engine, ulong begin, ulong until, ulong timeout, nuint count);

    [LibraryImport(Library, EntryPoint = "uc_emu_stop")]
    public static partial int EmuStop(nint engine);

    [LibraryImport(Library, EntryPoint = "uc_hook_add")]
    public static unsafe partial int HookAdd(nint engine, out nuint hook, int type, void* callback, nint userData, ulong begin, ulong end);
}
