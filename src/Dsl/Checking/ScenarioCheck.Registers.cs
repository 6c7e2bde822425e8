using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Checking;

internal sealed partial class ScenarioCheck
{
    /// <summary>The CPU register <paramref name="name"/> names on this architecture, reporting it when unknown or absent.</summary>
    private RegisterInfo? CpuRegister(Located<string> name)
    {
        var info = Registers.Find(name.Value);
        if (info is null)
        {
            _diagnostics.ReportWithHint(DiagnosticCatalogue.UnknownRegister, name.Span, Suggestions.DidYouMean(name.Value, RegisterNamesOnArch()), name.Value);
            return null;
        }

        if (!info.ExistsOn(_arch))
        {
            var counterpart = Counterpart(name.Value.ToLowerInvariant());
            var hint = counterpart is not null ? $"on {ArchName(_arch)} write `{counterpart}`" : null;
            _diagnostics.ReportWithHint(DiagnosticCatalogue.RegisterNotOnArch, name.Span, hint, name.Value, ArchName(_arch));
            return null;
        }

        return info;
    }

    /// <summary>A CPU register, or <c>device.register</c> of a declared device.</summary>
    private RegisterInfo? AnyRegister(Located<string> name, bool allowDeviceName = false)
    {
        if (Registers.Find(name.Value) is null && (IsDeviceRegister(name.Value) || (allowDeviceName && _devices.ContainsKey(name.Value))))
        {
            return null;
        }

        var dot = name.Value.IndexOf('.', StringComparison.Ordinal);
        if (Registers.Find(name.Value) is null && dot > 0 && _devices.TryGetValue(name.Value[..dot], out var device))
        {
            var type = DeviceTypes.Find(device.Type.Value);
            _diagnostics.ReportWithHint(
                DiagnosticCatalogue.UnknownDeviceRegister,
                name.Span,
                Suggestions.DidYouMean(name.Value[(dot + 1)..], DeviceRegisterNames(device)),
                device.Name.Value,
                type?.Name ?? device.Type.Value,
                name.Value[(dot + 1)..]);
            return null;
        }

        return CpuRegister(name);
    }

    private bool IsDeviceRegister(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && _devices.TryGetValue(text[..dot], out var device)
            && (DeviceRegisterNames(device).Contains(text[(dot + 1)..], StringComparer.OrdinalIgnoreCase) || IsInterruptLine(device, text[(dot + 1)..]));
    }

    /// <summary>
    /// <c>irq</c> is the level of the interrupt line of a device that has one (a UART or a programmable device): state the
    /// machine captures and a scenario may expect, though no driver writes it.
    /// </summary>
    private static bool IsInterruptLine(DeviceSpec device, string register) =>
        register.Equals("irq", StringComparison.OrdinalIgnoreCase)
        && (device.Type.Value.Equals("uart16550", StringComparison.OrdinalIgnoreCase) || device.Type.Value.Equals("programmable", StringComparison.OrdinalIgnoreCase));

    /// <summary>A fixed-register type's registers, or the ones a programmable device declares.</summary>
    private static IReadOnlyList<string> DeviceRegisterNames(DeviceSpec device) =>
        DeviceTypes.Find(device.Type.Value) is { Registers.Count: > 0 } type ? type.Registers : [.. device.Registers.Select(r => r.Name.Value)];

    private void FitsRegister(RegisterInfo info, string name, Located<UInt128> value)
    {
        if (value.Value > info.MaxValueOn(_arch))
        {
            _diagnostics.Report(
                DiagnosticCatalogue.ValueTooWideForRegister, value.Span, Values.NumberSyntax.Format(value.Value), name, info.BitsOn(_arch), ArchName(_arch));
        }
    }

    private IEnumerable<string> RegisterNamesOnArch() => Registers.Names.Where(n => Registers.Find(n)!.ExistsOn(_arch));

    /// <summary>The same register under the other architecture's name (rax and eax).</summary>
    private string? Counterpart(string name)
    {
        string? other = null;
        if (name.Length == 3 && name[0] == 'r' && _arch == Arch.I386)
        {
            other = "e" + name[1..];
        }
        else if (name.Length == 3 && name[0] == 'e' && _arch == Arch.X86_64)
        {
            other = "r" + name[1..];
        }
        else if (name == "eflags" && _arch == Arch.X86_64)
        {
            other = "rflags";
        }
        else if (name == "rflags" && _arch == Arch.I386)
        {
            other = "eflags";
        }

        return other is not null && Registers.Find(other) is { } info && info.ExistsOn(_arch) ? other : null;
    }
}
