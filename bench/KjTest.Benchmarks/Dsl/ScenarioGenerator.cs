using System.Globalization;
using System.Text;

namespace KjTest.Benchmarks.Dsl;

/// <summary>Generates large valid YAML scenarios: many images with assembly, loads, jumps and expectations.</summary>
public static class ScenarioGenerator
{
    /// <summary>A valid scenario of about <paramref name="targetBytes"/> characters.</summary>
    public static string Generate(int targetBytes)
    {
        var images = new StringBuilder();
        var steps = new StringBuilder();
        var count = 0;
        while (images.Length + steps.Length < targetBytes - 400)
        {
            var mem = 0x100000 + (count * 0x2000);
            images.Append(CultureInfo.InvariantCulture, $"  - name: image{count}\n    entry: start\n    segments:\n      - mem: 0x{mem:x}\n        memsz: 0x1000\n        asm: |\n");
            images.Append("          start:\n              mov dx, 0x3f8\n              mov al, 0x42\n              out dx, al\n              ret\n");
            images.Append(CultureInfo.InvariantCulture, $"      - mem: 0x{mem + 0x1000:x}\n        fill: {{ value: 0x{count & 0xff:x}, size: 4KiB }}\n");
            steps.Append(CultureInfo.InvariantCulture, $"  - load: image{count}\n    flags: [PRESERVE_CONTEXT, ARCH_X86_64]\n  - jump: ok\n");
            steps.Append(CultureInfo.InvariantCulture, $"  - expect:\n      preserved: all\n      registers: {{ rbx: 0x{count:x}, msr.efer: {{ value: 0xd01, mask: 0xfff }} }}\n      image_start: 0x{mem:x}\n");
            count++;
        }

        return "name: generated\ntags: [bench]\nmachine:\n  ram: 16GiB\n  devices:\n    - { name: uart0, type: uart16550 }\n"
            + "state:\n  rbx: 0x1111_2222_3333_4444\n  cr4: 0x3406f0\nimages:\n" + images + "steps:\n" + steps;
    }
}
