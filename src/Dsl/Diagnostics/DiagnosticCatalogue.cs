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

    // KJ13xx: values, shared by both front ends.

    /// <summary>Text where a number was expected.</summary>
    public static DiagnosticDescriptor InvalidNumber { get; } = Error("KJ1301", "'{0}' is not a number (write decimal, 0x hex, 0b binary; '_' may separate digits)");

    /// <summary>A number wider than the field allows.</summary>
    public static DiagnosticDescriptor NumberTooLarge { get; } = Error("KJ1302", "{0} does not fit in {1} bits");

    /// <summary>Text where a size was expected.</summary>
    public static DiagnosticDescriptor InvalidSize { get; } = Error("KJ1303", "'{0}' is not a size (write e.g. 4096, 0x1000, 64KiB, 2MiB)");

    /// <summary>A size with an unknown unit.</summary>
    public static DiagnosticDescriptor UnknownSizeUnit { get; } = Error("KJ1304", "unknown size unit '{0}'");

    /// <summary>A size of 2^64 bytes or more.</summary>
    public static DiagnosticDescriptor SizeTooLarge { get; } = Error("KJ1305", "size '{0}' is larger than 2^64 - 1 bytes");

    /// <summary>Text where true or false was expected.</summary>
    public static DiagnosticDescriptor InvalidBool { get; } = Error("KJ1306", "'{0}' is not a boolean (write true or false)");

    /// <summary>A negative number where only non-negative ones are allowed.</summary>
    public static DiagnosticDescriptor InvalidSigned { get; } = Error("KJ1307", "'{0}' is not a whole number");

    // KJ11xx: YAML shape.

    /// <summary>The YAML text is malformed (YamlDotNet's message).</summary>
    public static DiagnosticDescriptor YamlSyntax { get; } = Error("KJ1101", "YAML syntax error: {0}");

    /// <summary>A key written twice in one mapping.</summary>
    public static DiagnosticDescriptor DuplicateKey { get; } = Error("KJ1102", "duplicate key '{0}' (first written on line {1})");

    /// <summary>A key not valid at its place.</summary>
    public static DiagnosticDescriptor UnknownKey { get; } = Error("KJ1103", "unknown key '{0}' in {1}");

    /// <summary>A mapping, list or scalar where another kind of node is expected.</summary>
    public static DiagnosticDescriptor WrongNodeKind { get; } = Error("KJ1104", "{0} must be {1}, not {2}");

    /// <summary>A required key is missing.</summary>
    public static DiagnosticDescriptor MissingKey { get; } = Error("KJ1105", "{0} needs the key '{1}'");

    /// <summary>A word that is not one of the allowed ones.</summary>
    public static DiagnosticDescriptor InvalidChoice { get; } = Error("KJ1106", "'{0}' is not a valid {1}; expected one of: {2}");

    /// <summary>Two keys that exclude each other.</summary>
    public static DiagnosticDescriptor ExclusiveKeys { get; } = Error("KJ1107", "'{0}' cannot be combined with '{1}' here");

    /// <summary>None of a set of keys, one of which is required.</summary>
    public static DiagnosticDescriptor MissingOneOf { get; } = Error("KJ1108", "{0} needs one of: {1}");

    /// <summary>A key with no value where one is required.</summary>
    public static DiagnosticDescriptor MissingValue { get; } = Error("KJ1109", "'{0}' needs a value");

    /// <summary>YAML aliases are refused: they would let a small file expand without bound.</summary>
    public static DiagnosticDescriptor YamlAliasNotSupported { get; } = Error("KJ1110", "YAML aliases (*{0}) are not supported; write the value out");

    /// <summary>More than one YAML document in a scenario file.</summary>
    public static DiagnosticDescriptor YamlMultipleDocuments { get; } = Error("KJ1111", "a scenario file holds exactly one YAML document");

    /// <summary>Nesting deeper than any scenario needs.</summary>
    public static DiagnosticDescriptor YamlTooDeep { get; } = Error("KJ1112", "YAML nested deeper than {0} levels");

    /// <summary>A hash that is not 64 hexadecimal digits.</summary>
    public static DiagnosticDescriptor InvalidSha256 { get; } = Error("KJ1113", "'{0}' is not a SHA-256 hash (64 hexadecimal digits)");

    /// <summary>A mapping key that is not a plain word.</summary>
    public static DiagnosticDescriptor NonScalarKey { get; } = Error("KJ1114", "a key must be a scalar, not {0}");
}
