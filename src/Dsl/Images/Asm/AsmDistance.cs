namespace KjTest.Dsl.Images.Asm;

/// <summary>The <c>short</c>, <c>near</c> or <c>far</c> keyword written before an operand.</summary>
internal enum AsmDistance
{
    Unspecified,
    Short,
    Near,
    Far,
}
