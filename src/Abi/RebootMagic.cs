namespace KjTest.Abi;

/// <summary><c>reboot(2)</c> magic numbers and commands (include/uapi/linux/reboot.h, reference 2.4).</summary>
public static class RebootMagic
{
    /// <summary>LINUX_REBOOT_MAGIC1.</summary>
    public const uint Magic1 = 0xfee1dead;

    /// <summary>LINUX_REBOOT_MAGIC2 (672274793).</summary>
    public const uint Magic2 = 0x28121969;

    /// <summary>LINUX_REBOOT_MAGIC2A (85072278).</summary>
    public const uint Magic2A = 0x05121996;

    /// <summary>LINUX_REBOOT_MAGIC2B (369367448).</summary>
    public const uint Magic2B = 0x16041998;

    /// <summary>LINUX_REBOOT_MAGIC2C (537993216).</summary>
    public const uint Magic2C = 0x20112000;

    /// <summary>LINUX_REBOOT_CMD_KEXEC.</summary>
    public const uint CmdKexec = 0x45584543;

    /// <summary>The other commands Linux accepts (RESTART, HALT, CAD_ON, CAD_OFF, POWER_OFF, RESTART2, SW_SUSPEND).</summary>
    public static IReadOnlySet<uint> OtherCommands { get; } = new HashSet<uint>
    {
        0x01234567, 0xCDEF0123, 0x89ABCDEF, 0x00000000, 0x4321FEDC, 0xA1B2C3D4, 0xD000FCE2,
    };

    /// <summary>Whether <paramref name="magic2"/> is one of the four accepted second magic numbers.</summary>
    public static bool IsMagic2(uint magic2) => magic2 is Magic2 or Magic2A or Magic2B or Magic2C;
}
