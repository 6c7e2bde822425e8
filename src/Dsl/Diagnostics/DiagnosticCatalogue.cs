namespace KjTest.Dsl.Diagnostics;

/// <summary>
/// Every diagnostic KjTest can report about its input, with stable ids. Ranges:
/// KJ10xx files and syntax (both front ends), KJ11xx YAML shape, KJ12xx text language,
/// KJ13xx values (numbers, sizes, flags, registers), KJ14xx images (assembly, hex, raw, ELF),
/// KJ15xx semantic checks, KJ19xx command line.
/// </summary>
public static class DiagnosticCatalogue
{
    private static DiagnosticDescriptor Error(string id, string format) => new(id, Severity.Error, format);

    private static DiagnosticDescriptor Warning(string id, string format) => new(id, Severity.Warning, format);

    // KJ10xx: files and syntax.

    /// <summary>The file could not be read.</summary>
    public static DiagnosticDescriptor FileNotReadable { get; } = Error("KJ1001", "cannot read file: {0}");

    /// <summary>The file is empty.</summary>
    public static DiagnosticDescriptor EmptyFile { get; } = Error("KJ1002", "the file is empty; a scenario needs at least a name and one step");

    /// <summary>The file holds binary data, not text.</summary>
    public static DiagnosticDescriptor BinaryFile { get; } = Error("KJ1003", "the file is not text (it contains a NUL byte or invalid UTF-8)");

    /// <summary>The file's extension is neither YAML nor .kjt.</summary>
    public static DiagnosticDescriptor UnknownFileKind { get; } = Error("KJ1004", "unknown scenario file kind '{0}'; expected .yaml, .yml or .kjt");

    /// <summary>A path or glob on the command line matched nothing.</summary>
    public static DiagnosticDescriptor NoFilesMatched { get; } = Error("KJ1005", "no scenario files match '{0}'");

    /// <summary>Reports a warning that is not yet catalogued more precisely; kept for completeness of the severity scale.</summary>
    public static DiagnosticDescriptor GenericWarning { get; } = Warning("KJ1099", "{0}");

    // KJ14xx: images (assembly, hex, raw files, ELF).

    /// <summary>An assembly line names an instruction that does not exist.</summary>
    public static DiagnosticDescriptor AsmUnknownMnemonic { get; } = Error("KJ1401", "unknown instruction '{0}'");

    /// <summary>No encoding of the instruction takes the operands given.</summary>
    public static DiagnosticDescriptor AsmNoMatchingForm { get; } = Error("KJ1402", "no form of '{0}' takes operands ({1})");

    /// <summary>An expression names a label or constant that is never defined.</summary>
    public static DiagnosticDescriptor AsmUndefinedSymbol { get; } = Error("KJ1403", "undefined symbol '{0}'");

    /// <summary>A label or constant is defined twice.</summary>
    public static DiagnosticDescriptor AsmDuplicateSymbol { get; } = Error("KJ1404", "'{0}' is already defined");

    /// <summary>A value does not fit the operand, displacement or data item that holds it.</summary>
    public static DiagnosticDescriptor AsmValueOutOfRange { get; } = Error("KJ1405", "value {0} does not fit {1}");

    /// <summary>A memory operand cannot be encoded (bad registers, scale or shape).</summary>
    public static DiagnosticDescriptor AsmBadMemoryOperand { get; } = Error("KJ1406", "bad memory operand: {0}");

    /// <summary>A register that exists only in 64-bit code is used in 32-bit code.</summary>
    public static DiagnosticDescriptor AsmRegisterNotInMode { get; } = Error("KJ1407", "register '{0}' is not available in {1}-bit code");

    /// <summary>An assembly line does not parse.</summary>
    public static DiagnosticDescriptor AsmSyntax { get; } = Error("KJ1408", "syntax error: {0}");

    /// <summary>Several operand sizes fit and nothing says which one is meant.</summary>
    public static DiagnosticDescriptor AsmSizeNotSpecified { get; } = Error("KJ1409", "operation size not specified for '{0}'; write byte, word, dword or qword before the memory operand");

    /// <summary>An expression cannot be evaluated (division by zero, register outside a memory operand, not constant).</summary>
    public static DiagnosticDescriptor AsmBadExpression { get; } = Error("KJ1410", "bad expression: {0}");

    /// <summary>A local label (starting with a dot) appears before any global label.</summary>
    public static DiagnosticDescriptor AsmLocalLabelWithoutScope { get; } = Error("KJ1411", "local label '{0}' has no preceding global label");

    /// <summary>Label addresses kept changing between passes.</summary>
    public static DiagnosticDescriptor AsmLayoutUnstable { get; } = Error("KJ1412", "label addresses did not settle after {0} passes");

    /// <summary>Iced refused to encode the chosen form (for example a short branch too far away).</summary>
    public static DiagnosticDescriptor AsmEncodingFailed { get; } = Error("KJ1413", "cannot encode '{0}': {1}");

    /// <summary>An <c>org</c> line disagrees with the address the scenario loads the code at.</summary>
    public static DiagnosticDescriptor AsmOrgConflict { get; } = Error("KJ1414", "org {0} conflicts with the load address {1} given by the scenario");

    /// <summary>A directive (times, align, bits, org, db...) is used wrongly.</summary>
    public static DiagnosticDescriptor AsmBadDirective { get; } = Error("KJ1415", "bad '{0}': {1}");

    /// <summary>`rel` was written on a plain number, which has no relocatable address to be relative to (NASM warns the same).</summary>
    public static DiagnosticDescriptor AsmRelOnNumber { get; } = Warning("KJ1416", "'rel' has no effect on the plain number {0}; the address stays absolute");

    /// <summary>A character in hex content is neither a hex digit nor a separator.</summary>
    public static DiagnosticDescriptor HexBadCharacter { get; } = Error("KJ1420", "'{0}' is not a hex digit or separator");

    /// <summary>A run of hex digits has an odd length, so one byte is half-written.</summary>
    public static DiagnosticDescriptor HexOddDigits { get; } = Error("KJ1421", "'{0}' has an odd number of hex digits; every byte needs two");

    /// <summary>Hex content holds no bytes.</summary>
    public static DiagnosticDescriptor HexEmpty { get; } = Error("KJ1422", "the hex content holds no bytes");

    /// <summary>A raw or ELF image file does not exist.</summary>
    public static DiagnosticDescriptor ImageFileNotFound { get; } = Error("KJ1430", "image file not found: {0}");

    /// <summary>A raw or ELF image file exists but cannot be read.</summary>
    public static DiagnosticDescriptor ImageFileUnreadable { get; } = Error("KJ1431", "cannot read image file {0}: {1}");

    /// <summary>An offset/length window lies outside the file.</summary>
    public static DiagnosticDescriptor ImageWindowOutOfRange { get; } = Error("KJ1432", "window at offset {0} of length {1} lies outside {2} ({3} bytes)");

    /// <summary>The file is not an ELF file at all.</summary>
    public static DiagnosticDescriptor ElfNotElf { get; } = Error("KJ1440", "{0} is not an ELF file: {1}");

    /// <summary>The ELF file ends before a header it declares.</summary>
    public static DiagnosticDescriptor ElfTruncated { get; } = Error("KJ1441", "{0} is truncated: {1}");

    /// <summary>The ELF class, byte order or version is not one KjTest loads.</summary>
    public static DiagnosticDescriptor ElfUnsupportedFormat { get; } = Error("KJ1442", "{0}: {1}");

    /// <summary>The ELF machine is neither x86 nor x86-64.</summary>
    public static DiagnosticDescriptor ElfUnsupportedMachine { get; } = Error("KJ1443", "{0}: machine {1} is not x86 (3) or x86-64 (62)");

    /// <summary>The ELF file is not an executable (ET_EXEC) or position-independent executable (ET_DYN).</summary>
    public static DiagnosticDescriptor ElfUnsupportedType { get; } = Error("KJ1444", "{0}: ELF type {1} is not loadable; expected ET_EXEC (2) or ET_DYN (3)");

    /// <summary>A PT_LOAD header points past the end of the file.</summary>
    public static DiagnosticDescriptor ElfSegmentBeyondFile { get; } = Error("KJ1445", "{0}: program header {1} covers file bytes {2}..{3} but the file has {4} bytes");

    /// <summary>A PT_LOAD header has a memory size smaller than its file size.</summary>
    public static DiagnosticDescriptor ElfMemorySizeBelowFileSize { get; } = Error("KJ1446", "{0}: program header {1} has p_memsz {2} smaller than p_filesz {3}");

    /// <summary>The ELF file has no PT_LOAD program header.</summary>
    public static DiagnosticDescriptor ElfNoLoadSegments { get; } = Error("KJ1447", "{0} has no PT_LOAD program header");

    /// <summary>A PT_LOAD index asked for does not exist.</summary>
    public static DiagnosticDescriptor ElfSegmentIndexOutOfRange { get; } = Error("KJ1448", "{0} has {1} PT_LOAD segment(s); index {2} does not exist");

    /// <summary>The ELF library rejected a file that passed KjTest's own checks.</summary>
    public static DiagnosticDescriptor ElfMalformed { get; } = Error("KJ1449", "{0} is malformed: {1}");
}
