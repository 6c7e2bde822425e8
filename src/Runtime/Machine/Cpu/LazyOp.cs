namespace KjTest.Runtime.Machine.Cpu;

/// <summary>The operation whose operands and result define the arithmetic flags until they are materialized.</summary>
internal enum LazyOp
{
    None,
    Add,
    Adc,
    Sub,
    Sbb,
    Logic,
    Inc,
    Dec,

    /// <summary>A shift: CF and OF held in LazyCarry and LazyOverflow, AF clear.</summary>
    Shift,
}
