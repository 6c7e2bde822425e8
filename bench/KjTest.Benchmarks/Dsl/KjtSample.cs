using System.Globalization;
using System.Text;

namespace KjTest.Benchmarks.Dsl;

/// <summary>Generates a valid .kjt scenario of about a given size: images with assembly blocks, then steps.</summary>
public static class KjtSample
{
    /// <summary>Text of roughly <paramref name="bytes"/> characters (deterministic).</summary>
    public static string Generate(int bytes)
    {
        var b = new StringBuilder(bytes + 1024);
        b.Append("scenario \"generated\"\n  tags bench, generated\n  seed 1\n\nmachine\n  ram 1GiB\n  device nic0 programmable ports 0x300 count 16, irq 11\n    register ctrl = 0x1\n\n");
        var half = bytes / 2;
        for (var i = 0; b.Length < half; i++)
        {
            var at = 0x100000 + (i * 0x2000);
            b.Append(CultureInfo.InvariantCulture, $"image img{i} entry start\n  segment 0x{at:x} memsz 0x1000 asm \"\"\"\n    start:\n      mov dx, 0x3f8\n      mov al, 0x{i % 256:x2}\n      out dx, al\n      ret\n    \"\"\"\n  segment 0x{at + 0x1000:x} hex \"de ad be ef {i % 256:x2}\"\n\n");
        }

        b.Append("steps\n");
        for (var i = 0; b.Length < bytes; i++)
        {
            b.Append(CultureInfo.InvariantCulture, $"  load img{i} flags PRESERVE_CONTEXT | ARCH_X86_64 expect ok\n  jump expect ok\n  fault device_pm_failure device nic0, phase freeze\n  expect preserved cpu, fpu except rax mask rflags 0xfff\n  expect rax == {i}\n  expect console contains \"B\"\n");
        }

        return b.ToString();
    }
}
