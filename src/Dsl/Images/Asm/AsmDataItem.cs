namespace KjTest.Dsl.Images.Asm;

/// <summary>One item of a <c>db</c>/<c>dw</c>/<c>dd</c>/<c>dq</c> line: a string's bytes or an expression.</summary>
internal sealed record AsmDataItem(AsmExpr? Expr, byte[]? Bytes, int Column, int Length);
