using Iced.Intel;

namespace KjTest.Dsl.Images.Asm;

/// <summary>A mnemonic as written, resolved to an Iced mnemonic and an operand size it forces (0 for none).</summary>
internal readonly record struct MnemonicEntry(Mnemonic Mnemonic, int ForcedOperandSize);
