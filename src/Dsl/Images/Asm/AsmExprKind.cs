namespace KjTest.Dsl.Images.Asm;

/// <summary>The node kinds of an assembly expression.</summary>
internal enum AsmExprKind
{
    Number,
    Symbol,
    Here,
    SectionStart,
    Register,
    Unary,
    Binary,
}
