using System.Text;
using KjTest.Dsl.Model;
using KjTest.Dsl.Values;

namespace KjTest.Dsl.Text;

public static partial class KjtWriter
{
    private static void Step(StringBuilder w, Step step)
    {
        w.Append(Indent);
        switch (step)
        {
            case LoadStep load:
                w.Append("load ").Append(Ident(load.Image.Value));
                if (load.Flags.Count > 0)
                {
                    w.Append(" flags ").Append(string.Join(" | ", load.Flags.Select(f => Flag(f.Value))));
                }

                if (load.Entry is { } entry)
                {
                    w.Append(" entry ").Append(SymbolOrNumber(entry.Value));
                }

                w.Append(" expect ").Append(Ident(load.Expect.Value)).Append('\n');
                break;
            case UnloadStep unload:
                w.Append("unload ").Append(unload.Crash.Value ? "crash" : "normal").Append(" expect ").Append(Ident(unload.Expect.Value)).Append('\n');
                break;
            case JumpStep jump:
                w.Append("jump expect ").Append(Ident(jump.Expect.Value)).Append('\n');
                break;
            case FaultStep fault:
                w.Append("fault ").Append(Ident(fault.Kind.Value));
                if (fault.Parameters.Count > 0)
                {
                    w.Append(' ').Append(Parameters(fault.Parameters));
                }

                w.Append('\n');
                break;
            case ExpectStep expect when expect.Expectations.Count == 1:
                w.Append("expect ").Append(Expectation(expect.Expectations[0], Indent)).Append('\n');
                break;
            case ExpectStep expect:
                w.Append("expect\n");
                foreach (var expectation in expect.Expectations)
                {
                    w.Append(Indent).Append(Indent).Append(Expectation(expectation, Indent + Indent)).Append('\n');
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step.GetType().Name, "unknown step kind");
        }
    }

    private static string Flag(FlagTerm flag) => flag.Name is { } name ? Ident(name) : Number(flag.Number);

    private static string Parameters(IReadOnlyList<Parameter> parameters) =>
        string.Join(", ", parameters.Select(p => Ident(p.Name.Value) + " " + ParameterValue(p.Value)));

    private static string ParameterValue(ParameterValue value) => value switch
    {
        ListValue list => "[" + string.Join(", ", list.Items.Select(ParameterValue)) + "]",
        ScalarValue scalar => Scalar(scalar.Text),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "unknown parameter value kind"),
    };

    private static string Expectation(Expectation expectation, string indent)
    {
        switch (expectation)
        {
            case RegisterExpectation r:
                return $"{Ident(r.Register.Value)} == {Number(r.Value.Value)}" + (r.Mask is { } mask ? $" mask {Number(mask.Value)}" : "");
            case PreservedExpectation p:
                var b = new StringBuilder("preserved");
                var classes = p.Classes.Select(c => c.Value).ToList();
                if (classes.SequenceEqual(Enum.GetValues<StateClass>()))
                {
                    b.Append(" all");
                }
                else if (classes.Count > 0)
                {
                    b.Append(' ').Append(string.Join(", ", classes.Select(Lower)));
                }

                var except = p.ExceptRegisters.Select(r => Ident(r.Value))
                    .Concat(p.ExceptMemory.Select(m => $"memory {Number(m.Start.Value)} size {Size(m.Size.Value)}"))
                    .ToList();
                if (except.Count > 0)
                {
                    b.Append(" except ").Append(string.Join(", ", except));
                }

                if (p.Masks.Count > 0)
                {
                    b.Append(" mask ").Append(string.Join(", ", p.Masks.Select(m => $"{Ident(m.Register.Value)} {Number(m.Mask.Value)}")));
                }

                return b.ToString();
            case MemoryExpectation m when m.Bytes is { } bytes:
                return $"memory {Number(m.Address.Value)} {Content(bytes, indent)}";
            case MemoryExpectation m:
                var hash = Sha256Syntax.Digits(m.Hash?.Value ?? "");
                return $"memory {Number(m.Address.Value)} size {Size(m.Size?.Value ?? 0)} sha256 {Quote(hash)}";
            case ConsoleExpectation c:
                return "console" + (c.Device is { } device ? " from " + Ident(device.Value) : "")
                    + (c.Match.Value == ConsoleMatch.Contains ? " contains " : " ") + (c.Hex is null ? "" : "hex ") + Quote(c.Text.Value);
            case ImageStartExpectation i:
                return "image_start == " + SymbolOrNumber(i.Value.Value);
            case KimageExpectation k:
                return k.Parameters.Count > 0 ? "kimage " + Parameters(k.Parameters) : "kimage";
            default:
                throw new ArgumentOutOfRangeException(nameof(expectation), expectation.GetType().Name, "unknown expectation kind");
        }
    }
}
