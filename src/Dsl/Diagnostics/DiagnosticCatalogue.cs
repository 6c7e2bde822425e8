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

    // KJ12xx: the .kjt text language.

    /// <summary>The parser met a token it did not expect.</summary>
    public static DiagnosticDescriptor KjtUnexpectedToken { get; } = Error("KJ1201", "unexpected {0}; expected {1}");

    /// <summary>A word that is not a keyword where a keyword was expected.</summary>
    public static DiagnosticDescriptor KjtUnknownKeyword { get; } = Error("KJ1202", "unknown keyword '{0}'; expected {1}");

    /// <summary>A one-line string without its closing quote.</summary>
    public static DiagnosticDescriptor KjtUnterminatedString { get; } = Error("KJ1203", "unterminated string; close it with \" on the same line, or use a \"\"\" block for several lines");

    /// <summary>A text block without its closing quotes.</summary>
    public static DiagnosticDescriptor KjtUnterminatedBlock { get; } = Error("KJ1204", "unterminated text block; close it with \"\"\" on a line of its own");

    /// <summary>Text on the line of a block's opening quotes.</summary>
    public static DiagnosticDescriptor KjtTextAfterBlockOpening { get; } = Error("KJ1205", "text after the opening \"\"\" of a block; the block's text starts on the next line");

    /// <summary>A block line indented less than the block's closing quotes.</summary>
    public static DiagnosticDescriptor KjtBlockLineUnderIndented { get; } = Error("KJ1206", "this line is indented less than the closing \"\"\" of its block");

    /// <summary>An unknown backslash escape in a string.</summary>
    public static DiagnosticDescriptor KjtInvalidEscape { get; } = Error("KJ1207", "unknown escape '{0}' (write \\\\, \\\", \\n, \\r, \\t, \\0 or \\uXXXX)");

    /// <summary>A character that starts no token.</summary>
    public static DiagnosticDescriptor KjtUnexpectedCharacter { get; } = Error("KJ1208", "unexpected character '{0}'");

    /// <summary>A section or setting written twice.</summary>
    public static DiagnosticDescriptor KjtDuplicate { get; } = Error("KJ1209", "'{0}' is already written at line {1}");

    /// <summary>A word that is not one of the values allowed there.</summary>
    public static DiagnosticDescriptor KjtUnknownWord { get; } = Error("KJ1210", "unknown {0} '{1}'; expected one of: {2}");

    /// <summary>An unknown kexec_load flag name.</summary>
    public static DiagnosticDescriptor KjtUnknownFlag { get; } = Error("KJ1211", "unknown kexec_load flag '{0}'");

    /// <summary>A result that is neither ok nor an errno name (nor, for a jump, another outcome).</summary>
    public static DiagnosticDescriptor KjtUnknownResult { get; } = Error("KJ1212", "'{0}' is not {1}");

    /// <summary>The parser itself failed; reported instead of letting an exception escape.</summary>
    public static DiagnosticDescriptor KjtParserFailure { get; } = Error("KJ1213", "the .kjt parser failed on this file: {0}");

    /// <summary>Parsing stopped after the parser's error limit.</summary>
    public static DiagnosticDescriptor KjtTooManyErrors { get; } = Warning("KJ1214", "too many syntax errors; the rest of the file was not checked");

    /// <summary>Parameter lists nested deeper than the front end reads.</summary>
    public static DiagnosticDescriptor KjtNestingTooDeep { get; } = Error("KJ1215", "lists nested more than {0} deep");
}
