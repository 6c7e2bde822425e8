using Iced.Intel;

namespace KjTest.Dsl.Images.Asm;

/// <summary>
/// The value of an expression: a constant plus registers with scale factors (only memory operands
/// may keep registers). <see cref="Unresolved"/> marks values that used a symbol not yet known in
/// this pass, so encodings whose size depends on the value must not be chosen from it.
/// </summary>
internal sealed record LinearValue(long Constant, IReadOnlyList<(Register Register, long Scale)> Registers, bool Unresolved)
{
    public static LinearValue Of(long constant, bool unresolved = false) => new(constant, [], unresolved);

    public bool IsConstant => Registers.Count == 0;
}
