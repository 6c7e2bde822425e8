namespace KjTest.Dsl.Images.Asm;

/// <summary>A label or constant defined in one pass, with where it was defined.</summary>
internal readonly record struct SymbolDefinition(ulong Value, bool IsLabel, int Line);
