using Irony.Parsing;
using KjTest.Abi;
using SourceSpan = KjTest.Dsl.Diagnostics.SourceSpan;
using KjTest.Dsl.Diagnostics;
using KjTest.Dsl.Model;
using KjTest.Dsl.Values;
using KjTest.Dsl.Vocabulary;

namespace KjTest.Dsl.Text;

internal sealed partial class KjtLowering
{
    private Located<string> Str(ParseTreeNode node)
    {
        var token = node.Token ?? FirstToken(node);
        if (token is null)
        {
            return new Located<string>("", Span(node));
        }

        var value = token.Terminal.Name == KjtTerms.Text
            ? KjtTextDecoder.Decode(_source, token.Location.Position, token.Text, _diagnostics).Text
            : token.Text;
        return new Located<string>(value, TokenSpan(token));
    }

    private EmbeddedText Embedded(ParseTreeNode node) =>
        KjtTextDecoder.Decode(_source, node.Token.Location.Position, node.Token.Text, _diagnostics);

    private Located<ulong> Number(ParseTreeNode node, int bits)
    {
        var wide = Wide(node, bits);
        return new Located<ulong>((ulong)wide.Value, wide.Span);
    }

    private Located<UInt128> Wide(ParseTreeNode node) => Wide(node, 128);

    private Located<UInt128> Wide(ParseTreeNode node, int bits)
    {
        var text = Str(node);
        return new Located<UInt128>(ValueReader.Number(text.Value, text.Span, bits, _diagnostics) ?? 0, text.Span);
    }

    private Located<ulong> Size(ParseTreeNode node)
    {
        var text = Str(node);
        return new Located<ulong>(ValueReader.Size(text.Value, text.Span, _diagnostics) ?? 0, text.Span);
    }

    private Located<long> Signed(ParseTreeNode node)
    {
        var text = Str(node);
        return new Located<long>(ValueReader.Signed(text.Value, text.Span, _diagnostics) ?? 0, text.Span);
    }

    private Located<bool> Bool(ParseTreeNode node)
    {
        var text = Str(node);
        switch (text.Value)
        {
            case "true": return new Located<bool>(true, text.Span);
            case "false": return new Located<bool>(false, text.Span);
            default:
                _diagnostics.Report(DiagnosticCatalogue.InvalidBool, text.Span, text.Value);
                return new Located<bool>(false, text.Span);
        }
    }

    private Located<T> Choice<T>(ParseTreeNode node, string what, IReadOnlyDictionary<string, T> names)
    {
        var text = Str(node);
        if (names.TryGetValue(text.Value, out var value))
        {
            return new Located<T>(value, text.Span);
        }

        _diagnostics.ReportWithHint(
            DiagnosticCatalogue.KjtUnknownWord, text.Span, Suggestions.DidYouMean(text.Value, names.Keys), what, text.Value, string.Join(", ", names.Keys));
        return new Located<T>(names.Values.First(), text.Span);
    }

    private Located<string> Result(ParseTreeNode node, bool jump)
    {
        var text = Str(node);
        if ((jump ? JumpOutcomes.Canonical(text.Value) : Errno.Canonical(text.Value)) is { } canonical)
        {
            return new Located<string>(canonical, text.Span);
        }

        var candidates = jump ? JumpOutcomes.All : Errno.Names.Keys.Append(Errno.Ok);
        _diagnostics.ReportWithHint(
            DiagnosticCatalogue.KjtUnknownResult, text.Span, Suggestions.DidYouMean(text.Value, candidates),
            text.Value, jump ? "ok, an errno name, triple_fault, timeout or crash" : "ok or an errno name");
        return text;
    }

    private Located<SymbolOrNumber> SymbolOrNumber(ParseTreeNode node)
    {
        var token = node.Token ?? FirstToken(node);
        if (token?.Terminal.Name == KjtTerms.Number)
        {
            var n = Number(node, 64);
            return new Located<SymbolOrNumber>(Model.SymbolOrNumber.Of(n.Value), n.Span);
        }

        var text = Str(node);
        return new Located<SymbolOrNumber>(Model.SymbolOrNumber.Of(text.Value), text.Span);
    }

    private Located<FlagTerm> Flag(ParseTreeNode node)
    {
        var text = Str(node);
        if (node.Token?.Terminal.Name == KjtTerms.Number)
        {
            var n = Number(node, 64);
            return new Located<FlagTerm>(new FlagTerm(null, n.Value), n.Span);
        }

        var canonical = KexecFlags.Canonical(text.Value);
        if (canonical is null)
        {
            _diagnostics.ReportWithHint(DiagnosticCatalogue.KjtUnknownFlag, text.Span, Suggestions.DidYouMean(text.Value, KexecFlags.Names.Keys), text.Value);
            canonical = text.Value;
        }

        return new Located<FlagTerm>(new FlagTerm(canonical, 0), text.Span);
    }

    private SourceSpan Span(ParseTreeNode node) => Span(node, node);

    private SourceSpan Span(ParseTreeNode first, ParseTreeNode last)
    {
        var a = FirstToken(first);
        var b = LastToken(last);
        return a is null || b is null ? _source.Span(first.Span.Location.Position, 0) : SpanBetween(a, b);
    }

    private SourceSpan SpanBetween(Token? first, Token? last) =>
        first is null || last is null
            ? SourceSpan.None
            : _source.Span(first.Location.Position, Math.Max(0, last.Location.Position + last.Length - first.Location.Position));

    private SourceSpan TokenSpan(Token token) => IronySpans.ToSpan(_source, token);

    private static Token? FirstToken(ParseTreeNode node)
    {
        if (node.Token is not null)
        {
            return node.Token;
        }

        foreach (var child in node.ChildNodes)
        {
            if (FirstToken(child) is { } token)
            {
                return token;
            }
        }

        return null;
    }

    private static Token? LastToken(ParseTreeNode node)
    {
        if (node.Token is not null)
        {
            return node.Token;
        }

        for (var i = node.ChildNodes.Count - 1; i >= 0; i--)
        {
            if (LastToken(node.ChildNodes[i]) is { } token)
            {
                return token;
            }
        }

        return null;
    }
}
