namespace KjTest.Dsl.Images.Asm;

/// <summary>One parsed statement; a line may hold a label and one other statement.</summary>
internal sealed record AsmStatement(AsmStatementKind Kind, int Line, int Column, int Length)
{
    /// <summary>Label or constant name (qualified), or the mnemonic or directive as written.</summary>
    public string Name { get; init; } = "";

    public IReadOnlyList<AsmToken> Prefixes { get; init; } = [];

    public IReadOnlyList<AsmOperand> Operands { get; init; } = [];

    /// <summary>Column and length of the operand list, for errors about the operands as a whole.</summary>
    public int OperandsColumn { get; init; }

    public int OperandsLength { get; init; }

    /// <summary>Bytes per data item (db 1, dw 2, dd 4, dq 8) or per reserved item.</summary>
    public int Unit { get; init; }

    public IReadOnlyList<AsmDataItem> Items { get; init; } = [];

    /// <summary>The count of <c>times</c>/<c>res*</c>, the boundary of <c>align</c>, the value of <c>equ</c>/<c>org</c>/<c>bits</c>.</summary>
    public AsmExpr? Value { get; init; }

    public AsmExpr? Fill { get; init; }

    public AsmStatement? Inner { get; init; }

    /// <summary>For <c>default rel</c>: true; for <c>default abs</c>: false.</summary>
    public bool Flag { get; init; }
}
