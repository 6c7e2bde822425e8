using KjTest.Abi;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Values;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Checking;

internal sealed partial class ScenarioCheck
{
    /// <summary>Checks parameters against a kind: unknown, repeated, missing and ill-typed ones.</summary>
    private void Parameters(KindSpec kind, string what, SourceSpan span, IReadOnlyList<Parameter> parameters)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);

        // Register lists of a kind that names a device are that device's registers.
        var device = kind.Parameters.FirstOrDefault(p => p.Type == ParameterType.Device) is { } deviceSpec
            && parameters.FirstOrDefault(p => p.Name.Value == deviceSpec.Name)?.Value is ScalarValue deviceName
            ? deviceName.Text
            : null;
        foreach (var parameter in parameters)
        {
            var name = parameter.Name.Value;
            if (!seen.Add(name))
            {
                _diagnostics.Report(DiagnosticCatalogue.DuplicateParameter, parameter.Name.Span, name);
                continue;
            }

            if (kind.Find(name) is not { } spec)
            {
                _diagnostics.ReportWithHint(
                    DiagnosticCatalogue.UnknownParameter, parameter.Name.Span, Suggestions.DidYouMean(name, kind.Parameters.Select(p => p.Name)), what, name);
                continue;
            }

            ParameterValue(spec, parameter.Value, device);
        }

        foreach (var spec in kind.Parameters)
        {
            if (spec.Required && !seen.Contains(spec.Name))
            {
                _diagnostics.Report(DiagnosticCatalogue.MissingParameter, span, what, spec.Name);
            }
        }
    }

    private void ParameterValue(ParameterSpec spec, ParameterValue value, string? device)
    {
        if (spec.Type == ParameterType.RegisterList)
        {
            var items = value is ListValue list ? list.Items : [value];
            foreach (var item in items)
            {
                if (item is ScalarValue register && device is not null)
                {
                    DeviceRegisterParameter(device, register);
                }
                else if (item is ScalarValue cpuRegister)
                {
                    RegisterParameter(cpuRegister);
                }
                else
                {
                    Invalid(spec, item, "a list of register names");
                }
            }

            return;
        }

        if (value is not ScalarValue scalar)
        {
            Invalid(spec, value, Expected(spec.Type));
            return;
        }

        var text = scalar.Text;
        switch (spec.Type)
        {
            case ParameterType.Number:
                if (!NumberSyntax.TryParse(text, out var number, out _) || number > ulong.MaxValue)
                {
                    Invalid(spec, value, Expected(spec.Type));
                }

                break;
            case ParameterType.Size:
                if (SizeSyntax.TryParse(text, out _, out _) != SizeSyntax.Result.Ok)
                {
                    Invalid(spec, value, Expected(spec.Type));
                }

                break;
            case ParameterType.Bool:
                if (text is not ("true" or "false"))
                {
                    Invalid(spec, value, Expected(spec.Type));
                }

                break;
            case ParameterType.Choice:
                if (!spec.Choices.Contains(text))
                {
                    _diagnostics.ReportWithHint(
                        DiagnosticCatalogue.InvalidParameterChoice, scalar.Span, Suggestions.DidYouMean(text, spec.Choices), text, spec.Name, string.Join(", ", spec.Choices));
                }

                break;
            case ParameterType.Device:
                DeviceReference(new Located<string>(text, scalar.Span));
                break;
            case ParameterType.Register:
                RegisterParameter(scalar);
                break;
            case ParameterType.Errno:
                if (!Errno.TryGet(text, out var errno) || errno == 0)
                {
                    _diagnostics.ReportWithHint(DiagnosticCatalogue.UnknownErrno, scalar.Span, Suggestions.DidYouMean(text, Errno.Names.Keys), text);
                }

                break;
            case ParameterType.Bytes:
                if (!IsHexBytes(text))
                {
                    _diagnostics.Report(DiagnosticCatalogue.InvalidBytes, scalar.Span, text);
                }

                break;
        }
    }

    private void RegisterParameter(ScalarValue register) => AnyRegister(new Located<string>(register.Text, register.Span));

    /// <summary>A register of <paramref name="device"/>; an undeclared device is reported where it is named.</summary>
    private void DeviceRegisterParameter(string device, ScalarValue register)
    {
        if (_devices.TryGetValue(device, out var spec) && !DeviceRegisterNames(spec).Contains(register.Text, StringComparer.OrdinalIgnoreCase))
        {
            _diagnostics.ReportWithHint(
                DiagnosticCatalogue.UnknownDeviceRegister,
                register.Span,
                Suggestions.DidYouMean(register.Text, DeviceRegisterNames(spec)),
                device,
                DeviceTypes.Find(spec.Type.Value)?.Name ?? spec.Type.Value,
                register.Text);
        }
    }

    private void Invalid(ParameterSpec spec, ParameterValue value, string expected) =>
        _diagnostics.Report(DiagnosticCatalogue.InvalidParameterValue, value.Span, spec.Name, expected, value is ScalarValue s ? s.Text : "a list");

    private static string Expected(ParameterType type) => type switch
    {
        ParameterType.Number => "a number",
        ParameterType.Size => "a size",
        ParameterType.Bool => "true or false",
        ParameterType.Bytes => "hexadecimal bytes",
        ParameterType.RegisterList => "a list of register names",
        ParameterType.Device => "a device name",
        ParameterType.Register => "a register name",
        ParameterType.Errno => "an errno name",
        ParameterType.Choice => "one of its words",
        _ => "text",
    };

    /// <summary>Pairs of hex digits, optionally separated by spaces.</summary>
    private static bool IsHexBytes(string text)
    {
        var digits = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiHexDigit(c))
            {
                digits++;
            }
            else if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (digits % 2 != 0)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        return digits > 0 && digits % 2 == 0;
    }
}
