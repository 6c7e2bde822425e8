using Iced.Intel;

namespace KjTest.Dsl.Images.Asm;

/// <summary>A parsed expression node; positions are 1-based columns within the line.</summary>
internal sealed record AsmExpr(AsmExprKind Kind, int Column, int Length)
{
    public ulong Value { get; init; }

    /// <summary>The symbol's full name (local labels qualified by their global label).</summary>
    public string Name { get; init; } = "";

    /// <summary>The symbol as written (a local label without its global prefix).</summary>
    public string Written { get; init; } = "";

    public Register Register { get; init; }

    public string Operator { get; init; } = "";

    public AsmExpr? Left { get; init; }

    public AsmExpr? Right { get; init; }

    /// <summary>Levels of the tree below and including this node; the evaluator recurses this deep.</summary>
    public int Depth { get; init; } = 1;

    public static AsmExpr Span(AsmExprKind kind, AsmToken from, AsmToken to) => new(kind, from.Column, to.EndColumn - from.Column);
}
