namespace KjTest.Dsl.Images.Asm;

/// <summary>How one written operand compares with one operand kind of an encoding.</summary>
internal enum MatchOutcome
{
    Fits,
    WrongShape,
    ValueOutOfRange,
}
