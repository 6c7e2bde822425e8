using Iced.Intel;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Images.Asm;

/// <summary>
/// One layout pass over the parsed statements. Symbols defined later in the text take their value
/// from the previous pass; in the first pass they are unresolved, which makes size-dependent
/// choices take the long form. Passes repeat until every symbol keeps its value.
/// </summary>
internal sealed class AssemblerPass(
    IReadOnlyList<AsmStatement> statements,
    ulong origin,
    int bitness,
    IReadOnlyDictionary<string, ulong> externalSymbols,
    IReadOnlyDictionary<string, SymbolDefinition>? previous,
    AsmReporter reporter)
{
    /// <summary>Largest image the assembler produces, so a runaway <c>times</c> fails cleanly.</summary>
    public const int MaximumOutput = 64 << 20;

    private readonly List<byte> _output = [];
    private readonly Dictionary<string, SymbolDefinition> _symbols = new(StringComparer.Ordinal);
    private int _bitness = bitness;
    private bool _defaultRel;
    private ulong _here;
    private bool _overflowed;

    public IReadOnlyDictionary<string, SymbolDefinition> Symbols => _symbols;

    public byte[] Output => [.. _output];

    private ulong Address => origin + (ulong)_output.Count;

    public void Run()
    {
        foreach (var statement in statements)
        {
            Execute(statement);
        }
    }

    private void Execute(AsmStatement statement)
    {
        _here = Address;
        switch (statement.Kind)
        {
            case AsmStatementKind.Label:
                Define(statement, Address, isLabel: true);
                break;
            case AsmStatementKind.Equ:
                {
                    var value = EvaluateConstant(statement.Value!, statement.Line, "equ");
                    if (value is not null)
                    {
                        Define(statement, (ulong)value.Constant, isLabel: false);
                    }

                    break;
                }

            case AsmStatementKind.Instruction:
                AssembleInstruction(statement);
                break;
            case AsmStatementKind.Data:
                EmitData(statement);
                break;
            case AsmStatementKind.Reserve:
                {
                    var count = Count(statement);
                    Emit(statement, new byte[count * statement.Unit]);
                    break;
                }

            case AsmStatementKind.Times:
                {
                    var count = Count(statement);
                    if (count > 1 && statement.Inner!.Kind == AsmStatementKind.Data && !statement.Inner.Items.Any(item => UsesHere(item.Expr)))
                    {
                        RepeatData(statement, count);
                        break;
                    }

                    var done = 0;
                    if (count > 2 && statement.Inner!.Kind == AsmStatementKind.Instruction && !statement.Inner.Operands.Any(o => UsesHere(o.Expr) || UsesHere(o.Selector)))
                    {
                        done = RepeatInstruction(statement, count);
                    }

                    for (var i = done; i < count && !_overflowed; i++)
                    {
                        Execute(statement.Inner!);
                    }

                    break;
                }

            case AsmStatementKind.Align:
                Align(statement);
                break;
            case AsmStatementKind.Bits:
                {
                    var value = EvaluateConstant(statement.Value!, statement.Line, "bits");
                    if (value is not null && !value.Unresolved)
                    {
                        if (value.Constant is 32 or 64)
                        {
                            _bitness = (int)value.Constant;
                        }
                        else
                        {
                            reporter.Report(DiagnosticCatalogue.AsmBadDirective, statement.Line, statement.Column, statement.Length, "bits", "KjTest assembles 32- or 64-bit code only");
                        }
                    }

                    break;
                }

            case AsmStatementKind.Org:
                {
                    var value = EvaluateConstant(statement.Value!, statement.Line, "org");
                    if (value is null || value.Unresolved)
                    {
                        break;
                    }

                    if (_output.Count > 0)
                    {
                        reporter.Report(DiagnosticCatalogue.AsmBadDirective, statement.Line, statement.Column, statement.Length, "org", "it must come before any code or data");
                    }
                    else if ((ulong)value.Constant != origin)
                    {
                        reporter.Report(DiagnosticCatalogue.AsmOrgConflict, statement.Line, statement.Column, statement.Length, AsmLexer.Format(value.Constant), AsmLexer.Format((long)origin));
                    }

                    break;
                }

            case AsmStatementKind.Default:
                _defaultRel = statement.Flag;
                break;
        }
    }

    private void Define(AsmStatement statement, ulong value, bool isLabel)
    {
        if (_symbols.TryGetValue(statement.Name, out var existing))
        {
            reporter.ReportWithHint(DiagnosticCatalogue.AsmDuplicateSymbol, statement.Line, statement.Column, statement.Length, $"first defined on line {existing.Line}", statement.Name);
            return;
        }

        if (externalSymbols.ContainsKey(statement.Name))
        {
            reporter.ReportWithHint(DiagnosticCatalogue.AsmDuplicateSymbol, statement.Line, statement.Column, statement.Length, "the scenario already defines this symbol", statement.Name);
            return;
        }

        _symbols[statement.Name] = new SymbolDefinition(value, isLabel, statement.Line);
    }

    private void Emit(AsmStatement statement, ReadOnlySpan<byte> bytes)
    {
        if (_overflowed)
        {
            return;
        }

        if (_output.Count + (long)bytes.Length > MaximumOutput)
        {
            ReportOverflow(statement);
            return;
        }

        _output.AddRange(bytes);
    }

    private void ReportOverflow(AsmStatement statement)
    {
        _overflowed = true;
        reporter.Report(DiagnosticCatalogue.AsmBadDirective, statement.Line, statement.Column, statement.Length, statement.Name, $"the image would exceed {MaximumOutput} bytes");
    }

    private static bool UsesAddress(AsmExpr? expr) =>
        expr is not null && (expr.Kind is AsmExprKind.Symbol or AsmExprKind.Here or AsmExprKind.SectionStart || UsesAddress(expr.Left) || UsesAddress(expr.Right));

    private static bool UsesHere(AsmExpr? expr) =>
        expr is not null && (expr.Kind == AsmExprKind.Here || UsesHere(expr.Left) || UsesHere(expr.Right));

    /// <summary>Data that does not use <c>$</c> is the same in every copy, so it is emitted once and copied.</summary>
    private void RepeatData(AsmStatement statement, int count)
    {
        var start = _output.Count;
        Execute(statement.Inner!);
        var size = _output.Count - start;
        if (size == 0 || _overflowed)
        {
            return;
        }

        if (start + ((long)size * count) > MaximumOutput)
        {
            ReportOverflow(statement);
            return;
        }

        var copy = _output.GetRange(start, size);
        for (var i = 1; i < count; i++)
        {
            _output.AddRange(copy);
        }
    }

    /// <summary>
    /// Encodes two copies; when they are the same bytes the instruction does not depend on its
    /// address (relative branches and RIP-relative operands would differ), so the rest are copies.
    /// Returns how many copies were emitted.
    /// </summary>
    private int RepeatInstruction(AsmStatement statement, int count)
    {
        var start = _output.Count;
        Execute(statement.Inner!);
        var size = _output.Count - start;
        Execute(statement.Inner!);
        if (size == 0 || _overflowed || _output.Count - start != 2 * size
            || !_output.GetRange(start, size).SequenceEqual(_output.GetRange(start + size, size)))
        {
            return 2;
        }

        if (start + ((long)size * count) > MaximumOutput)
        {
            ReportOverflow(statement);
            return count;
        }

        var copy = _output.GetRange(start, size);
        for (var i = 2; i < count; i++)
        {
            _output.AddRange(copy);
        }

        return count;
    }

    private int Count(AsmStatement statement)
    {
        var value = EvaluateConstant(statement.Value!, statement.Line, statement.Name);
        if (value is null || value.Unresolved)
        {
            return 0;
        }

        if (value.Constant < 0 || value.Constant > MaximumOutput)
        {
            reporter.Report(DiagnosticCatalogue.AsmBadDirective, statement.Line, statement.Value!.Column, statement.Value.Length, statement.Name, $"count {AsmLexer.Format(value.Constant)} is negative or too large");
            return 0;
        }

        return (int)value.Constant;
    }

    private void Align(AsmStatement statement)
    {
        var boundary = EvaluateConstant(statement.Value!, statement.Line, "align");
        if (boundary is null || boundary.Unresolved)
        {
            return;
        }

        if (boundary.Constant <= 0 || boundary.Constant > (1 << 24) || (boundary.Constant & (boundary.Constant - 1)) != 0)
        {
            reporter.Report(DiagnosticCatalogue.AsmBadDirective, statement.Line, statement.Value!.Column, statement.Value.Length, "align", "the boundary must be a power of two");
            return;
        }

        byte fill = 0x90;
        if (statement.Fill is not null)
        {
            var value = EvaluateConstant(statement.Fill, statement.Line, "align");
            if (value is null)
            {
                return;
            }

            if (value.Constant is < -128 or > 255)
            {
                reporter.Report(DiagnosticCatalogue.AsmValueOutOfRange, statement.Line, statement.Fill.Column, statement.Fill.Length, AsmLexer.Format(value.Constant), "a byte");
                return;
            }

            fill = (byte)value.Constant;
        }

        var mask = (ulong)boundary.Constant - 1;
        var padding = (int)((((Address + mask) & ~mask) - Address) & mask);
        var bytes = new byte[padding];
        Array.Fill(bytes, fill);
        Emit(statement, bytes);
    }

    private void EmitData(AsmStatement statement)
    {
        var unit = statement.Unit;
        var bytes = new List<byte>();
        foreach (var item in statement.Items)
        {
            if (item.Bytes is not null)
            {
                bytes.AddRange(item.Bytes);
                var pad = (unit - (item.Bytes.Length % unit)) % unit;
                bytes.AddRange(new byte[pad]);
                continue;
            }

            var value = EvaluateConstant(item.Expr!, statement.Line, statement.Name);
            var number = value?.Constant ?? 0;
            if (value is not null && !value.Unresolved && !FitsUnit(number, unit))
            {
                reporter.Report(DiagnosticCatalogue.AsmValueOutOfRange, statement.Line, item.Column, item.Length, AsmLexer.Format(number), $"a {unit * 8}-bit '{statement.Name}' item");
            }

            for (var b = 0; b < unit; b++)
            {
                bytes.Add((byte)((ulong)number >> (8 * b)));
            }
        }

        Emit(statement, bytes.ToArray());
    }

    private static bool FitsUnit(long value, int unit) => unit switch
    {
        1 => value is >= -128 and <= 0xff,
        2 => value is >= -32768 and <= 0xffff,
        4 => value is >= int.MinValue and <= uint.MaxValue,
        _ => true,
    };

    private void AssembleInstruction(AsmStatement statement)
    {
        var operands = new List<ResolvedOperand>();
        foreach (var operand in statement.Operands)
        {
            var resolved = Resolve(operand, statement.Line, statement.Name.Equals("movabs", StringComparison.OrdinalIgnoreCase));
            if (resolved is null)
            {
                return;
            }

            operands.Add(resolved);
        }

        var bytes = InstructionEncoder.Encode(statement, operands, _bitness, Address, reporter);
        if (bytes is not null)
        {
            Emit(statement, bytes);
        }
    }

    private ResolvedOperand? Resolve(AsmOperand operand, int line, bool absolute64)
    {
        switch (operand.Kind)
        {
            case AsmOperandKind.Register:
                return CheckRegister(operand.Register, line, operand.Expr!.Column, operand.Expr.Length)
                    ? new ResolvedOperand(operand) { Register = operand.Register }
                    : null;
            case AsmOperandKind.FarPointer:
                {
                    var selector = EvaluateConstant(operand.Selector!, line, "far pointer");
                    var offset = EvaluateConstant(operand.Expr!, line, "far pointer");
                    return selector is null || offset is null
                        ? null
                        : new ResolvedOperand(operand) { Selector = selector.Constant, Value = offset.Constant, Unresolved = selector.Unresolved || offset.Unresolved };
                }

            case AsmOperandKind.Immediate:
                {
                    var value = EvaluateConstant(operand.Expr!, line, "immediate");
                    return value is null ? null : new ResolvedOperand(operand) { Value = value.Constant, Unresolved = value.Unresolved };
                }

            default:
                return ResolveMemory(operand, line, absolute64);
        }
    }

    private bool CheckRegister(Register register, int line, int column, int length)
    {
        if (RegisterTable.IsAvailable(register, _bitness))
        {
            return true;
        }

        reporter.Report(DiagnosticCatalogue.AsmRegisterNotInMode, line, column, length, register.ToString().ToLowerInvariant(), _bitness);
        return false;
    }

    private ResolvedOperand? ResolveMemory(AsmOperand operand, int line, bool absolute64)
    {
        var expr = operand.Expr!;
        var value = Evaluate(expr, line);
        if (value is null)
        {
            return null;
        }

        void Bad(string why) => reporter.Report(DiagnosticCatalogue.AsmBadMemoryOperand, line, operand.Column, operand.Length, why);

        var terms = value.Registers.Where(t => t.Scale != 0).ToList();
        foreach (var (register, _) in terms)
        {
            if (!(register.IsGPR32() || register.IsGPR64() || register is Register.RIP or Register.EIP))
            {
                Bad($"'{register.ToString().ToLowerInvariant()}' cannot address memory; use 32- or 64-bit registers");
                return null;
            }
        }

        if (terms.Count > 2)
        {
            Bad("at most a base and an index register");
            return null;
        }

        var addressBits = terms.Count == 0 ? 0 : terms[0].Register.IsGPR64() || terms[0].Register == Register.RIP ? 64 : 32;
        if (terms.Any(t => (t.Register.IsGPR64() || t.Register == Register.RIP ? 64 : 32) != addressBits))
        {
            Bad("the base and index registers must have the same size");
            return null;
        }

        if (addressBits == 64 && _bitness != 64)
        {
            Bad("64-bit address registers need 64-bit code");
            return null;
        }

        if (terms.Any(t => t.Register is Register.RIP or Register.EIP))
        {
            if (terms.Count != 1 || terms[0].Scale != 1)
            {
                Bad("rip can only be used alone, as [rip + displacement]");
                return null;
            }

            return CheckDisplacement(operand, line, value, 64)
                ? new ResolvedOperand(operand) { Value = value.Constant, Unresolved = value.Unresolved, RipOffset = true, AddressBits = addressBits }
                : null;
        }

        // As NASM: rel applies to addresses built from labels or $; a plain number stays absolute.
        var relocatable = UsesAddress(expr);
        var relative = relocatable && (operand.Relative ?? (_defaultRel && operand.Segment is not (Register.FS or Register.GS)));
        if (operand.Relative == true && !relocatable && terms.Count == 0 && _bitness == 64)
        {
            reporter.Report(DiagnosticCatalogue.AsmRelOnNumber, line, operand.Column, operand.Length, AsmLexer.Format(value.Constant));
        }

        if (terms.Count == 0)
        {
            if (relative && _bitness == 64)
            {
                return new ResolvedOperand(operand) { Value = value.Constant, Unresolved = value.Unresolved, RipTarget = true, AddressBits = 64 };
            }

            if (operand.Relative == true && _bitness != 64)
            {
                Bad("'rel' needs 64-bit code");
                return null;
            }

            if (!value.Unresolved && _bitness == 64 && !absolute64 && value.Constant is < int.MinValue or > int.MaxValue)
            {
                reporter.ReportWithHint(
                    DiagnosticCatalogue.AsmValueOutOfRange,
                    line,
                    expr.Column,
                    expr.Length,
                    "write [rel ...] for a RIP-relative address",
                    AsmLexer.Format(value.Constant),
                    "a 32-bit sign-extended absolute address");
                return null;
            }

            if (!value.Unresolved && _bitness == 32 && value.Constant is < int.MinValue or > uint.MaxValue)
            {
                reporter.Report(DiagnosticCatalogue.AsmValueOutOfRange, line, expr.Column, expr.Length, AsmLexer.Format(value.Constant), "a 32-bit address");
                return null;
            }

            return new ResolvedOperand(operand) { Value = value.Constant, Unresolved = value.Unresolved };
        }

        if (operand.Relative == true)
        {
            Bad("'rel' cannot be combined with base or index registers");
            return null;
        }

        Register baseRegister, index = Register.None;
        var scale = 1;
        if (terms.Count == 1)
        {
            var (register, factor) = terms[0];
            (baseRegister, index, scale) = factor switch
            {
                1 => (register, Register.None, 1),

                // NASM splits reg*2 into reg+reg*1, which needs no 32-bit displacement.
                2 when register is not (Register.RSP or Register.ESP) => (register, register, 1),
                2 or 4 or 8 => (Register.None, register, (int)factor),
                3 or 5 or 9 => (register, register, (int)factor - 1),
                _ => (Register.None, Register.None, 0),
            };
        }
        else
        {
            var (first, firstScale) = terms[0];
            var (second, secondScale) = terms[1];
            if (firstScale == 1 && secondScale == 1)
            {
                (baseRegister, index) = second is Register.RSP or Register.ESP ? (second, first) : (first, second);
            }
            else if (firstScale == 1)
            {
                (baseRegister, index, scale) = (first, second, secondScale is 2 or 4 or 8 ? (int)secondScale : 0);
            }
            else if (secondScale == 1)
            {
                (baseRegister, index, scale) = (second, first, firstScale is 2 or 4 or 8 ? (int)firstScale : 0);
            }
            else
            {
                (baseRegister, scale) = (Register.None, 0);
            }
        }

        if (scale is not (1 or 2 or 4 or 8))
        {
            Bad("the index scale must be 1, 2, 4 or 8");
            return null;
        }

        if (index is Register.RSP or Register.ESP)
        {
            Bad($"'{index.ToString().ToLowerInvariant()}' cannot be an index register");
            return null;
        }

        return CheckDisplacement(operand, line, value, addressBits)
            ? new ResolvedOperand(operand) { Base = baseRegister, Index = index, Scale = scale, Value = value.Constant, Unresolved = value.Unresolved, AddressBits = addressBits }
            : null;
    }

    private bool CheckDisplacement(AsmOperand operand, int line, LinearValue value, int addressBits)
    {
        var fits = value.Unresolved || (addressBits == 64 ? value.Constant is >= int.MinValue and <= int.MaxValue : value.Constant is >= int.MinValue and <= uint.MaxValue);
        if (!fits)
        {
            reporter.Report(DiagnosticCatalogue.AsmValueOutOfRange, line, operand.Column, operand.Length, AsmLexer.Format(value.Constant), "a 32-bit displacement");
        }

        return fits;
    }

    private LinearValue? EvaluateConstant(AsmExpr expr, int line, string context)
    {
        var value = Evaluate(expr, line);
        if (value is null)
        {
            return null;
        }

        if (!value.IsConstant)
        {
            reporter.Report(DiagnosticCatalogue.AsmBadExpression, line, expr.Column, expr.Length, $"registers are only allowed inside [ ], not in {context}");
            return null;
        }

        return value;
    }

    private LinearValue? Evaluate(AsmExpr expr, int line)
    {
        switch (expr.Kind)
        {
            case AsmExprKind.Number:
                return LinearValue.Of((long)expr.Value);
            case AsmExprKind.Here:
                return LinearValue.Of((long)_here);
            case AsmExprKind.SectionStart:
                return LinearValue.Of((long)origin);
            case AsmExprKind.Symbol:
                return Lookup(expr, line);
            case AsmExprKind.Register:
                return CheckRegister(expr.Register, line, expr.Column, expr.Length)
                    ? new LinearValue(0, [(expr.Register, 1)], false)
                    : null;
            case AsmExprKind.Unary:
                {
                    var operand = Evaluate(expr.Left!, line);
                    if (operand is null)
                    {
                        return null;
                    }

                    if (expr.Operator is "-" or "+")
                    {
                        var sign = expr.Operator == "-" ? -1 : 1;
                        return new LinearValue(unchecked(sign * operand.Constant), [.. operand.Registers.Select(t => (t.Register, sign * t.Scale))], operand.Unresolved);
                    }

                    if (!RequireConstant(operand, expr, line))
                    {
                        return null;
                    }

                    return LinearValue.Of(expr.Operator == "~" ? ~operand.Constant : operand.Constant == 0 ? 1 : 0, operand.Unresolved);
                }

            default:
                return EvaluateBinary(expr, line);
        }
    }

    private LinearValue? EvaluateBinary(AsmExpr expr, int line)
    {
        var left = Evaluate(expr.Left!, line);
        var right = Evaluate(expr.Right!, line);
        if (left is null || right is null)
        {
            return null;
        }

        var unresolved = left.Unresolved || right.Unresolved;
        switch (expr.Operator)
        {
            case "+":
                return new LinearValue(unchecked(left.Constant + right.Constant), Combine(left.Registers, right.Registers, 1), unresolved);
            case "-":
                return new LinearValue(unchecked(left.Constant - right.Constant), Combine(left.Registers, right.Registers, -1), unresolved);
            case "*":
                if (left.IsConstant || right.IsConstant)
                {
                    var (factor, other) = left.IsConstant ? (left.Constant, right) : (right.Constant, left);
                    return new LinearValue(unchecked(factor * other.Constant), [.. other.Registers.Select(t => (t.Register, unchecked(t.Scale * factor)))], unresolved);
                }

                reporter.Report(DiagnosticCatalogue.AsmBadExpression, line, expr.Column, expr.Length, "registers cannot be multiplied together");
                return null;
        }

        if (!RequireConstant(left, expr, line) || !RequireConstant(right, expr, line))
        {
            return null;
        }

        long a = left.Constant, b = right.Constant;
        if (expr.Operator is "/" or "%" or "//" or "%%" && b == 0)
        {
            if (unresolved)
            {
                return LinearValue.Of(0, true);
            }

            reporter.Report(DiagnosticCatalogue.AsmBadExpression, line, expr.Column, expr.Length, "division by zero");
            return null;
        }

        var result = expr.Operator switch
        {
            "/" => (long)((ulong)a / (ulong)b),
            "%" => (long)((ulong)a % (ulong)b),
            "//" => b == -1 ? unchecked(-a) : a / b,
            "%%" => b == -1 ? 0 : a % b,
            "<<" => b is >= 0 and < 64 ? a << (int)b : 0,
            ">>" => b is >= 0 and < 64 ? (long)((ulong)a >> (int)b) : 0,
            "&" => a & b,
            "|" => a | b,
            _ => a ^ b,
        };
        return LinearValue.Of(result, unresolved);
    }

    private static List<(Register Register, long Scale)> Combine(IReadOnlyList<(Register Register, long Scale)> left, IReadOnlyList<(Register Register, long Scale)> right, long sign)
    {
        var result = new List<(Register Register, long Scale)>(left);
        foreach (var (register, scale) in right)
        {
            var at = result.FindIndex(t => t.Register == register);
            if (at >= 0)
            {
                result[at] = (register, result[at].Scale + (sign * scale));
            }
            else
            {
                result.Add((register, sign * scale));
            }
        }

        return result;
    }

    private bool RequireConstant(LinearValue value, AsmExpr expr, int line)
    {
        if (value.IsConstant)
        {
            return true;
        }

        reporter.Report(DiagnosticCatalogue.AsmBadExpression, line, expr.Column, expr.Length, "registers can only be added, subtracted or scaled");
        return false;
    }

    private LinearValue Lookup(AsmExpr expr, int line)
    {
        if (_symbols.TryGetValue(expr.Name, out var defined))
        {
            return LinearValue.Of((long)defined.Value);
        }

        if (previous is not null && previous.TryGetValue(expr.Name, out var earlier))
        {
            return LinearValue.Of((long)earlier.Value);
        }

        if (externalSymbols.TryGetValue(expr.Name, out var external))
        {
            return LinearValue.Of((long)external);
        }

        if (previous is not null)
        {
            var known = previous.Keys.Concat(externalSymbols.Keys).ToList();
            string? hint = null;
            if (expr.Written.StartsWith('.') && expr.Name.Length > expr.Written.Length)
            {
                // A local label is suggested among the locals of the same global label, as written.
                var scope = expr.Name[..^expr.Written.Length];
                hint = Suggestions.DidYouMean(expr.Written, known.Where(k => k.StartsWith(scope + ".", StringComparison.Ordinal)).Select(k => k[scope.Length..]));
            }

            hint ??= Suggestions.DidYouMean(expr.Written, known);
            reporter.ReportWithHint(DiagnosticCatalogue.AsmUndefinedSymbol, line, expr.Column, expr.Length, hint, expr.Written);
        }

        return LinearValue.Of(0, unresolved: true);
    }
}
