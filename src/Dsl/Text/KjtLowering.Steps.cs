using Irony.Parsing;
using KjTest.Abi;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Values;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Text;

internal sealed partial class KjtLowering
{
    private Step Step(ParseTreeNode step)
    {
        var c = step.ChildNodes;
        var span = Span(step);
        switch (step.Term.Name)
        {
            case KjtTerms.LoadStep:
                return Load(step);
            case KjtTerms.UnloadStep:
                var kind = Optional(step, KjtTerms.UnloadKind);
                var crash = kind is { ChildNodes.Count: > 0 }
                    ? new Located<bool>(kind.ChildNodes[0].Token.Text == "crash", Span(kind))
                    : new Located<bool>(false, TokenSpan(c[0].Token));
                return new UnloadStep(span, crash, ExpectResult(step, jump: false));
            case KjtTerms.JumpStep:
                return new JumpStep(span, ExpectResult(step, jump: true));
            case KjtTerms.FaultStep:
                var parameters = Optional(step, KjtTerms.ParamListOpt)?.ChildNodes.FirstOrDefault()?.ChildNodes ?? [];
                return new FaultStep(span, Str(c[1]), [.. parameters.Select(Parameter)]);
            default:
                var body = c[1];
                var expectations = body.Term.Name == KjtTerms.ExpectationLines
                    ? body.ChildNodes.Select(Expectation).ToList()
                    : [Expectation(body)];
                return new ExpectStep(span, expectations);
        }
    }

    private LoadStep Load(ParseTreeNode step)
    {
        List<Located<FlagTerm>> flags = [];
        Located<SymbolOrNumber>? entry = null;
        Located<string>? expect = null;
        var scope = "load@" + step.ChildNodes[0].Token.Location.Position + ":";
        foreach (var option in Items(step, KjtTerms.LoadOpts))
        {
            var keyword = option.ChildNodes[0];
            NoteOnce(scope, keyword);
            switch (keyword.Token.Text)
            {
                case "flags": flags = [.. option.ChildNodes[1].ChildNodes.Select(Flag)]; break;
                case "entry": entry = SymbolOrNumber(option.ChildNodes[1]); break;
                default: expect = Result(option.ChildNodes[1], jump: false); break;
            }
        }

        return new LoadStep(Span(step), Str(step.ChildNodes[1]), flags, entry, expect ?? Ok(step));
    }

    private Located<string> ExpectResult(ParseTreeNode step, bool jump)
    {
        var expect = Optional(step, KjtTerms.ExpectOpt);
        return expect is { ChildNodes.Count: 2 } ? Result(expect.ChildNodes[1], jump) : Ok(step);
    }

    private Located<string> Ok(ParseTreeNode step) => new(Errno.Ok, TokenSpan(step.ChildNodes[0].Token));

    private Parameter Parameter(ParseTreeNode param) =>
        new(Span(param), Str(param.ChildNodes[0]), ParameterValue(param.ChildNodes[1]));

    private ParameterValue ParameterValue(ParseTreeNode value) =>
        value.Term.Name == KjtTerms.ListValue
            ? new ListValue(Span(value), [.. Items(value, KjtTerms.ParamValues).Select(ParameterValue)])
            : new ScalarValue(Span(value), Str(value).Value);

    private Expectation Expectation(ParseTreeNode node)
    {
        var c = node.ChildNodes;
        var span = Span(node);
        switch (node.Term.Name)
        {
            case KjtTerms.RegisterExpectation:
                var mask = Optional(node, KjtTerms.MaskOpt);
                return new RegisterExpectation(span, Str(c[0]), Wide(c[1]), mask is { ChildNodes.Count: 2 } ? Wide(mask.ChildNodes[1]) : null);
            case KjtTerms.PreservedExpectation:
                return Preserved(node);
            case KjtTerms.MemoryExpectation:
                return c.Count > 3
                    ? new MemoryExpectation(span, Number(c[1], 64), null, Size(c[3]), Hash(c[5]))
                    : new MemoryExpectation(span, Number(c[1], 64), Content(c[2]), null, null);
            case KjtTerms.ConsoleExpectation:
                var from = Optional(node, KjtTerms.ConsoleFrom);
                var match = Optional(node, KjtTerms.ConsoleMatch);
                var matchValue = match is { ChildNodes.Count: 1 }
                    ? new Located<ConsoleMatch>(match.ChildNodes[0].Token.Text == "contains" ? ConsoleMatch.Contains : ConsoleMatch.Exact, Span(match))
                    : new Located<ConsoleMatch>(ConsoleMatch.Exact, TokenSpan(c[0].Token));
                Located<string>? device = from is { ChildNodes.Count: 2 } ? Str(from.ChildNodes[1]) : null;
                return c[^2].Token?.Text == "hex"
                    ? new ConsoleExpectation(span, Str(c[^1]), device, matchValue, Embedded(c[^1]))
                    : new ConsoleExpectation(span, Str(c[^1]), device, matchValue);
            case KjtTerms.ImageStartExpectation:
                return new ImageStartExpectation(span, SymbolOrNumber(c[1]));
            default:
                return new KimageExpectation(span, [.. (Optional(node, KjtTerms.ParamListOpt)?.ChildNodes.FirstOrDefault()?.ChildNodes ?? []).Select(Parameter)]);
        }
    }

    private PreservedExpectation Preserved(ParseTreeNode node)
    {
        List<Located<StateClass>> classes = [];
        var spec = Optional(node, KjtTerms.ClassSpec);
        if (spec is { ChildNodes.Count: 1 })
        {
            var only = spec.ChildNodes[0];
            if (only.Term is KeyTerm)
            {
                var span = TokenSpan(only.Token);
                classes = [.. Enum.GetValues<StateClass>().Select(v => new Located<StateClass>(v, span))];
            }
            else
            {
                classes = [.. only.ChildNodes.Select(n => Choice(n, "state class", Words.StateClasses))];
            }
        }

        List<Located<string>> exceptRegisters = [];
        List<MemoryRange> exceptMemory = [];
        var except = Optional(node, KjtTerms.ExceptOpt);
        if (except is { ChildNodes.Count: 2 })
        {
            foreach (var item in except.ChildNodes[1].ChildNodes)
            {
                if (item.Term.Name == KjtTerms.ExceptMemory)
                {
                    exceptMemory.Add(new MemoryRange(Span(item), Number(item.ChildNodes[1], 64), Size(item.ChildNodes[3])));
                }
                else
                {
                    exceptRegisters.Add(Str(item));
                }
            }
        }

        List<RegisterMask> masks = [];
        var masksNode = Optional(node, KjtTerms.MasksOpt);
        if (masksNode is { ChildNodes.Count: 2 })
        {
            masks = [.. masksNode.ChildNodes[1].ChildNodes.Select(m => new RegisterMask(Span(m), Str(m.ChildNodes[0]), Wide(m.ChildNodes[1])))];
        }

        return new PreservedExpectation(Span(node), classes, exceptRegisters, exceptMemory, masks);
    }

    private Located<string> Hash(ParseTreeNode node)
    {
        var text = Str(node);
        if (Sha256Syntax.Canonical(text.Value) is { } canonical)
        {
            return new Located<string>(canonical, text.Span);
        }

        _diagnostics.Report(DiagnosticCatalogue.InvalidSha256, text.Span, text.Value);
        return text;
    }
}
