using Iced.Intel;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images.Asm;

/// <summary>
/// Parses assembly text into statements, once; expressions are kept as trees and evaluated on
/// every layout pass. Local labels (<c>.name</c>) are qualified here by the preceding global label.
/// </summary>
internal sealed class AsmParser(AsmReporter reporter)
{
    private static readonly Dictionary<string, int> SizeKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["byte"] = 1, ["word"] = 2, ["dword"] = 4, ["fword"] = 6, ["qword"] = 8, ["tword"] = 10, ["tbyte"] = 10,
        ["oword"] = 16, ["xmmword"] = 16, ["yword"] = 32, ["ymmword"] = 32,
    };

    private static readonly Dictionary<string, int> DataUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["db"] = 1, ["dw"] = 2, ["dd"] = 4, ["dq"] = 8,
    };

    private static readonly Dictionary<string, int> ReserveUnits = new(StringComparer.OrdinalIgnoreCase)
    {
        ["resb"] = 1, ["resw"] = 2, ["resd"] = 4, ["resq"] = 8,
    };

    private static readonly HashSet<string> Prefixes = new(StringComparer.OrdinalIgnoreCase) { "rep", "repe", "repz", "repne", "repnz", "lock", "o16", "o32", "o64" };

    private static readonly HashSet<string> IgnoredDirectives = new(StringComparer.OrdinalIgnoreCase) { "section", "segment", "global", "cpu" };

    /// <summary>
    /// The deepest expression accepted, counting parentheses, unary operators and operator chains:
    /// parser and evaluator recurse on it, and hostile input must not overflow the stack.
    /// </summary>
    public const int MaxExpressionDepth = 256;

    private List<AsmToken> _tokens = [];
    private int _nesting;
    private int _pos;
    private int _line;
    private string? _scope;

    public static bool IsSizeKeyword(string word) => SizeKeywords.ContainsKey(word);

    public List<AsmStatement> Parse(string text)
    {
        var statements = new List<AsmStatement>();
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            _line = index + 1;
            var before = reporter.Items.Count;
            _tokens = AsmLexer.Tokenize(lines[index].TrimEnd('\r'), _line, reporter);
            _pos = 0;
            if (reporter.Items.Count == before)
            {
                // A line with a lexical error is skipped so one typo gives one diagnostic.
                ParseLine(statements);
            }
        }

        return statements;
    }

    private AsmToken Current => _tokens[Math.Min(_pos, _tokens.Count - 1)];

    private AsmToken Peek(int ahead) => _tokens[Math.Min(_pos + ahead, _tokens.Count - 1)];

    private void ParseLine(List<AsmStatement> statements)
    {
        if (Current.Kind == AsmTokenKind.End)
        {
            return;
        }

        if (Current.Is("["))
        {
            ParseBracketDirective(statements);
            return;
        }

        if (Current.Kind == AsmTokenKind.Identifier && !IsKeyword(Current.Text)
            && (Peek(1).Is(":") || Peek(1).IsWord("equ") || (Peek(1).Is(":") && Peek(2).IsWord("equ"))))
        {
            var nameToken = Current;
            _pos += Peek(1).Is(":") ? 2 : 1;
            if (Current.IsWord("equ"))
            {
                _pos++;
                var name = Qualify(nameToken, definesScope: false);
                var value = ParseExpression();
                if (value is not null && ExpectEnd())
                {
                    statements.Add(new AsmStatement(AsmStatementKind.Equ, _line, nameToken.Column, nameToken.Length) { Name = name, Value = value });
                }

                return;
            }

            statements.Add(new AsmStatement(AsmStatementKind.Label, _line, nameToken.Column, nameToken.Length) { Name = Qualify(nameToken, definesScope: true) });
        }

        if (Current.Kind == AsmTokenKind.End)
        {
            return;
        }

        var body = ParseBody();
        if (body is not null)
        {
            statements.Add(body);
        }
    }

    private static bool IsKeyword(string word) =>
        DataUnits.ContainsKey(word) || ReserveUnits.ContainsKey(word) || Prefixes.Contains(word)
        || word.Equals("times", StringComparison.OrdinalIgnoreCase) || RegisterTable.TryGet(word, out _);

    private void ParseBracketDirective(List<AsmStatement> statements)
    {
        var open = Current;
        _pos++;
        var body = ParseBody(inBrackets: true);
        if (!Current.Is("]"))
        {
            Error(Current, "expected ']'");
            return;
        }

        _pos++;
        if (ExpectEnd() && body is not null)
        {
            statements.Add(body with { Column = open.Column });
        }
    }

    private string Qualify(AsmToken token, bool definesScope)
    {
        var name = token.Text;
        if (name.StartsWith('.') && !name.StartsWith("..", StringComparison.Ordinal))
        {
            if (_scope is null)
            {
                reporter.Report(DiagnosticCatalogue.AsmLocalLabelWithoutScope, _line, token.Column, token.Length, name);
                return name;
            }

            return _scope + name;
        }

        if (definesScope)
        {
            _scope = name;
        }

        return name;
    }

    private AsmStatement? ParseBody(bool inBrackets = false)
    {
        var word = Current;
        if (word.Kind != AsmTokenKind.Identifier)
        {
            Error(word, "expected an instruction or directive");
            return null;
        }

        var lower = word.Text.ToLowerInvariant();
        _pos++;
        switch (lower)
        {
            case "times":
                return ParseTimes(word);
            case "bits":
            case "org":
                {
                    var value = ParseExpression();
                    return value is not null && (inBrackets || ExpectEnd())
                        ? new AsmStatement(lower == "bits" ? AsmStatementKind.Bits : AsmStatementKind.Org, _line, word.Column, value.Column + value.Length - word.Column) { Name = lower, Value = value }
                        : null;
                }

            case "use64":
            case "use32":
                return ExpectEnd() || inBrackets
                    ? new AsmStatement(AsmStatementKind.Bits, _line, word.Column, word.Length) { Name = "bits", Value = new AsmExpr(AsmExprKind.Number, word.Column, word.Length) { Value = lower == "use64" ? 64UL : 32UL } }
                    : null;
            case "default":
                {
                    var mode = Current;
                    if (!mode.IsWord("rel") && !mode.IsWord("abs"))
                    {
                        Error(mode, "expected 'rel' or 'abs' after 'default'");
                        return null;
                    }

                    _pos++;
                    return inBrackets || ExpectEnd()
                        ? new AsmStatement(AsmStatementKind.Default, _line, word.Column, mode.EndColumn - word.Column) { Name = lower, Flag = mode.IsWord("rel") }
                        : null;
                }

            case "align":
            case "alignb":
                return ParseAlign(word);
        }

        if (IgnoredDirectives.Contains(lower))
        {
            _pos = _tokens.Count - 1;
            return null;
        }

        if (DataUnits.TryGetValue(lower, out var unit))
        {
            return ParseData(word, unit);
        }

        if (ReserveUnits.TryGetValue(lower, out var reserveUnit))
        {
            var count = ParseExpression();
            return count is not null && ExpectEnd()
                ? new AsmStatement(AsmStatementKind.Reserve, _line, word.Column, count.Column + count.Length - word.Column) { Name = lower, Unit = reserveUnit, Value = count }
                : null;
        }

        return ParseInstruction(word);
    }

    private AsmStatement? ParseTimes(AsmToken word)
    {
        var count = ParseExpression();
        if (count is null)
        {
            return null;
        }

        if (Current.Kind == AsmTokenKind.End)
        {
            Error(Current, "'times' needs an instruction or data after its count");
            return null;
        }

        var inner = ParseBody();
        if (inner is null)
        {
            return null;
        }

        if (inner.Kind is not (AsmStatementKind.Instruction or AsmStatementKind.Data or AsmStatementKind.Times))
        {
            reporter.Report(DiagnosticCatalogue.AsmBadDirective, _line, inner.Column, inner.Length, "times", "only instructions and data can be repeated");
            return null;
        }

        return new AsmStatement(AsmStatementKind.Times, _line, word.Column, inner.Column + inner.Length - word.Column) { Name = "times", Value = count, Inner = inner };
    }

    private AsmStatement? ParseAlign(AsmToken word)
    {
        var boundary = ParseExpression();
        if (boundary is null)
        {
            return null;
        }

        AsmExpr? fill = null;
        if (Current.Is(","))
        {
            _pos++;
            if (Current.IsWord("db"))
            {
                _pos++;
            }

            fill = ParseExpression();
            if (fill is null)
            {
                return null;
            }
        }

        var last = fill ?? boundary;
        return ExpectEnd()
            ? new AsmStatement(AsmStatementKind.Align, _line, word.Column, last.Column + last.Length - word.Column) { Name = "align", Value = boundary, Fill = fill }
            : null;
    }

    private AsmStatement? ParseData(AsmToken word, int unit)
    {
        var items = new List<AsmDataItem>();
        var end = word.EndColumn;
        while (true)
        {
            var token = Current;
            if (token.Kind == AsmTokenKind.String && (Peek(1).Is(",") || Peek(1).Kind == AsmTokenKind.End))
            {
                _pos++;
                items.Add(new AsmDataItem(null, token.Bytes, token.Column, token.Length));
                end = token.EndColumn;
            }
            else
            {
                var expr = ParseExpression();
                if (expr is null)
                {
                    return null;
                }

                items.Add(new AsmDataItem(expr, null, expr.Column, expr.Length));
                end = expr.Column + expr.Length;
            }

            if (!Current.Is(","))
            {
                break;
            }

            _pos++;
        }

        return ExpectEnd()
            ? new AsmStatement(AsmStatementKind.Data, _line, word.Column, end - word.Column) { Name = word.Text.ToLowerInvariant(), Unit = unit, Items = items }
            : null;
    }

    private AsmStatement? ParseInstruction(AsmToken word)
    {
        var prefixes = new List<AsmToken>();
        var mnemonic = word;
        while (Prefixes.Contains(mnemonic.Text) && Current.Kind == AsmTokenKind.Identifier)
        {
            prefixes.Add(mnemonic);
            mnemonic = Current;
            _pos++;
        }

        var operands = new List<AsmOperand>();
        var operandsStart = Current.Column;
        var operandsEnd = Current.Column;
        if (Current.Kind != AsmTokenKind.End)
        {
            while (true)
            {
                var operand = ParseOperand();
                if (operand is null)
                {
                    return null;
                }

                operands.Add(operand);
                operandsEnd = operand.Column + operand.Length;
                if (!Current.Is(","))
                {
                    break;
                }

                _pos++;
            }

            if (!ExpectEnd())
            {
                return null;
            }
        }

        var start = prefixes.Count > 0 ? prefixes[0].Column : mnemonic.Column;
        return new AsmStatement(AsmStatementKind.Instruction, _line, start, Math.Max(operandsEnd, mnemonic.EndColumn) - start)
        {
            Name = mnemonic.Text,
            Prefixes = prefixes,
            Operands = operands,
            OperandsColumn = operands.Count > 0 ? operandsStart : mnemonic.Column,
            OperandsLength = operands.Count > 0 ? operandsEnd - operandsStart : mnemonic.Length,
        };
    }

    private AsmOperand? ParseOperand()
    {
        var first = Current;
        var size = 0;
        var distance = AsmDistance.Unspecified;
        while (Current.Kind == AsmTokenKind.Identifier)
        {
            if (SizeKeywords.TryGetValue(Current.Text, out var keywordSize))
            {
                size = keywordSize;
                _pos++;
                if (Current.IsWord("ptr"))
                {
                    _pos++;
                }
            }
            else if (Current.IsWord("short") || Current.IsWord("near") || Current.IsWord("far"))
            {
                distance = Enum.Parse<AsmDistance>(Current.Text, ignoreCase: true);
                _pos++;
            }
            else if (Current.IsWord("strict"))
            {
                _pos++;
            }
            else
            {
                break;
            }
        }

        var segment = Register.None;
        if (Current.Kind == AsmTokenKind.Identifier && RegisterTable.IsSegment(Current.Text) && Peek(1).Is(":"))
        {
            RegisterTable.TryGet(Current.Text, out segment);
            _pos += 2;
        }

        if (Current.Is("["))
        {
            return ParseMemory(first, size, distance, segment);
        }

        var expr = ParseExpression();
        if (expr is null)
        {
            return null;
        }

        if (segment != Register.None)
        {
            return new AsmOperand(AsmOperandKind.Memory, first.Column, expr.Column + expr.Length - first.Column)
            {
                Size = size, Distance = distance, Segment = segment, Expr = expr,
            };
        }

        if (Current.Is(":"))
        {
            _pos++;
            var offset = ParseExpression();
            return offset is null
                ? null
                : new AsmOperand(AsmOperandKind.FarPointer, first.Column, offset.Column + offset.Length - first.Column)
                {
                    Size = size, Distance = distance, Selector = expr, Expr = offset,
                };
        }

        var length = expr.Column + expr.Length - first.Column;
        return expr.Kind == AsmExprKind.Register
            ? new AsmOperand(AsmOperandKind.Register, first.Column, length) { Size = size, Register = expr.Register, Expr = expr }
            : new AsmOperand(AsmOperandKind.Immediate, first.Column, length) { Size = size, Distance = distance, Expr = expr };
    }

    private AsmOperand? ParseMemory(AsmToken first, int size, AsmDistance distance, Register segment)
    {
        _pos++;
        bool? relative = null;
        if (Current.IsWord("rel") || Current.IsWord("abs"))
        {
            relative = Current.IsWord("rel");
            _pos++;
        }

        if (Current.Kind == AsmTokenKind.Identifier && RegisterTable.IsSegment(Current.Text) && Peek(1).Is(":"))
        {
            RegisterTable.TryGet(Current.Text, out segment);
            _pos += 2;
        }

        if (Current.Is("]"))
        {
            reporter.Report(DiagnosticCatalogue.AsmBadMemoryOperand, _line, first.Column, Current.EndColumn - first.Column, "the brackets are empty");
            return null;
        }

        var expr = ParseExpression();
        if (expr is null)
        {
            return null;
        }

        if (!Current.Is("]"))
        {
            Error(Current, "expected ']'");
            return null;
        }

        var close = Current;
        _pos++;
        return new AsmOperand(AsmOperandKind.Memory, first.Column, close.EndColumn - first.Column)
        {
            Size = size, Distance = distance, Segment = segment, Expr = expr, Relative = relative,
        };
    }

    private bool ExpectEnd()
    {
        if (Current.Kind == AsmTokenKind.End)
        {
            return true;
        }

        Error(Current, $"unexpected '{Current.Text}'");
        return false;
    }

    private void Error(AsmToken token, string message) =>
        reporter.Report(DiagnosticCatalogue.AsmSyntax, _line, token.Column, Math.Max(1, token.Length), message);

    private static readonly string[][] BinaryLevels =
    [
        ["|"], ["^"], ["&"], ["<<", ">>"], ["+", "-"], ["*", "/", "%", "//", "%%"],
    ];

    private AsmExpr? ParseExpression() => ParseBinary(0);

    private AsmExpr? ParseNested(AsmToken token, Func<AsmExpr?> parse)
    {
        _nesting++;
        try
        {
            if (_nesting > MaxExpressionDepth)
            {
                TooDeep(token);
                return null;
            }

            return parse();
        }
        finally
        {
            _nesting--;
        }
    }

    private void TooDeep(AsmToken token)
    {
        // Once per expression: the caller unwinds on null without reporting again.
        reporter.Report(DiagnosticCatalogue.AsmExpressionTooDeep, _line, token.Column, Math.Max(1, token.Length), MaxExpressionDepth);
    }

    private AsmExpr? ParseBinary(int level)
    {
        if (level == BinaryLevels.Length)
        {
            return ParseUnary();
        }

        var left = ParseBinary(level + 1);
        while (left is not null && Current.Kind == AsmTokenKind.Punctuation && BinaryLevels[level].Contains(Current.Text))
        {
            var opToken = Current;
            _pos++;
            var right = ParseBinary(level + 1);
            if (right is null)
            {
                return null;
            }

            var depth = Math.Max(left.Depth, right.Depth) + 1;
            if (depth > MaxExpressionDepth)
            {
                TooDeep(opToken);
                return null;
            }

            left = new AsmExpr(AsmExprKind.Binary, left.Column, right.Column + right.Length - left.Column) { Operator = opToken.Text, Left = left, Right = right, Depth = depth };
        }

        return left;
    }

    private AsmExpr? ParseUnary()
    {
        var token = Current;
        if (token.Is("-") || token.Is("+") || token.Is("~") || token.Is("!"))
        {
            _pos++;
            var operand = ParseNested(token, ParseUnary);
            return operand is null
                ? null
                : new AsmExpr(AsmExprKind.Unary, token.Column, operand.Column + operand.Length - token.Column) { Operator = token.Text, Left = operand, Depth = operand.Depth + 1 };
        }

        return ParsePrimary();
    }

    private AsmExpr? ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case AsmTokenKind.Number:
            case AsmTokenKind.String:
                _pos++;
                return new AsmExpr(AsmExprKind.Number, token.Column, token.Length) { Value = token.Value };
            case AsmTokenKind.Punctuation when token.Is("("):
                {
                    _pos++;
                    var inner = ParseNested(token, () => ParseBinary(0));
                    if (inner is null)
                    {
                        return null;
                    }

                    if (!Current.Is(")"))
                    {
                        Error(Current, "expected ')'");
                        return null;
                    }

                    var close = Current;
                    _pos++;
                    return inner with { Column = token.Column, Length = close.EndColumn - token.Column };
                }

            case AsmTokenKind.Identifier:
                _pos++;
                if (token.Text == "$")
                {
                    return new AsmExpr(AsmExprKind.Here, token.Column, token.Length);
                }

                if (token.Text == "$$")
                {
                    return new AsmExpr(AsmExprKind.SectionStart, token.Column, token.Length);
                }

                if (RegisterTable.TryGet(token.Text, out var register))
                {
                    if (register == Register.ST0 && token.IsWord("st") && Current.Is("(") && Peek(1).Kind == AsmTokenKind.Number && Peek(1).Value <= 7 && Peek(2).Is(")"))
                    {
                        register = Register.ST0 + (int)Peek(1).Value;
                        var close = Peek(2);
                        _pos += 3;
                        return new AsmExpr(AsmExprKind.Register, token.Column, close.EndColumn - token.Column) { Register = register };
                    }

                    return new AsmExpr(AsmExprKind.Register, token.Column, token.Length) { Register = register };
                }

                if (IsSizeKeyword(token.Text) || token.IsWord("ptr"))
                {
                    Error(token, $"'{token.Text}' belongs before the operand");
                    return null;
                }

                return new AsmExpr(AsmExprKind.Symbol, token.Column, token.Length) { Name = Qualify(token, definesScope: false), Written = token.Text };
            default:
                Error(token, token.Kind == AsmTokenKind.End ? "expected an operand or expression" : $"unexpected '{token.Text}'");
                return null;
        }
    }
}
