namespace KjTest.Runtime.Kernel;

/// <summary>The kimage type bit (KEXEC_TYPE_DEFAULT 0, KEXEC_TYPE_CRASH 1).</summary>
public enum KimageType
{
    /// <summary>A normal image, started by reboot(LINUX_REBOOT_CMD_KEXEC).</summary>
    Default,

    /// <summary>A crash image, preloaded into crashkernel memory and started on panic.</summary>
    Crash,
}
