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
    public static DiagnosticDescriptor MissingValue { get; } = Error("KJ1109", "{0} needs a value");

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

    // KJ15xx: semantic checks, shared by both front ends.

    /// <summary>A flag name that is not a kexec_load flag.</summary>
    public static DiagnosticDescriptor UnknownFlag { get; } = Error("KJ1501", "unknown kexec_load flag '{0}'");

    /// <summary>A word that is neither ok nor an errno name.</summary>
    public static DiagnosticDescriptor UnknownErrno { get; } = Error("KJ1502", "unknown errno '{0}' (write ok or a name such as EINVAL)");

    /// <summary>A jump outcome that is not ok, an errno, triple_fault, timeout or crash.</summary>
    public static DiagnosticDescriptor UnknownJumpOutcome { get; } = Error("KJ1503", "'{0}' is not a jump outcome (ok, an errno name, triple_fault, timeout or crash)");

    /// <summary>A register name KjTest does not know.</summary>
    public static DiagnosticDescriptor UnknownRegister { get; } = Error("KJ1504", "unknown register '{0}'");

    /// <summary>A register the scenario's architecture lacks.</summary>
    public static DiagnosticDescriptor RegisterNotOnArch { get; } = Error("KJ1505", "register '{0}' does not exist on {1}");

    /// <summary>A value wider than its register.</summary>
    public static DiagnosticDescriptor ValueTooWideForRegister { get; } = Error("KJ1506", "{0} does not fit in '{1}', which has {2} bits on {3}");

    /// <summary>A device type the machine does not have.</summary>
    public static DiagnosticDescriptor UnknownDeviceType { get; } = Error("KJ1507", "unknown device type '{0}'");

    /// <summary>Two devices with one name.</summary>
    public static DiagnosticDescriptor DuplicateDevice { get; } = Error("KJ1508", "a device named '{0}' is already declared on line {1}");

    /// <summary>Two images with one name.</summary>
    public static DiagnosticDescriptor DuplicateImage { get; } = Error("KJ1509", "an image named '{0}' is already declared on line {1}");

    /// <summary>A step or relocate naming no declared image.</summary>
    public static DiagnosticDescriptor UnknownImage { get; } = Error("KJ1510", "no image named '{0}' is declared");

    /// <summary>A name that is not a declared device.</summary>
    public static DiagnosticDescriptor UnknownDevice { get; } = Error("KJ1511", "no device named '{0}' is declared");

    /// <summary>A fault kind KjTest cannot inject.</summary>
    public static DiagnosticDescriptor UnknownFaultKind { get; } = Error("KJ1512", "unknown fault kind '{0}'");

    /// <summary>A required parameter of a fault or expectation kind is missing.</summary>
    public static DiagnosticDescriptor MissingParameter { get; } = Error("KJ1513", "{0} needs the parameter '{1}'");

    /// <summary>A parameter the kind does not take.</summary>
    public static DiagnosticDescriptor UnknownParameter { get; } = Error("KJ1514", "{0} has no parameter '{1}'");

    /// <summary>A parameter value of the wrong type.</summary>
    public static DiagnosticDescriptor InvalidParameterValue { get; } = Error("KJ1515", "parameter '{0}' must be {1}, not '{2}'");

    /// <summary>A parameter word not among its allowed ones.</summary>
    public static DiagnosticDescriptor InvalidParameterChoice { get; } = Error("KJ1516", "'{0}' is not allowed for '{1}'; expected one of: {2}");

    /// <summary>Memory written or checked outside the machine's memory.</summary>
    public static DiagnosticDescriptor OutsideRam { get; } = Error("KJ1517", "{0} [0x{1:x}, 0x{2:x}) lies outside the machine's memory ({3})");

    /// <summary>Segment content too large to hold.</summary>
    public static DiagnosticDescriptor ContentTooLarge { get; } = Error("KJ1518", "segment content of {0} bytes is larger than 4 GiB");

    /// <summary>A jump expected to succeed with no image loaded.</summary>
    public static DiagnosticDescriptor JumpWithoutLoad { get; } = Error("KJ1519", "a jump expected to return ok needs an earlier load of a normal image expected to succeed");

    /// <summary>A step after a jump that ends the machine.</summary>
    public static DiagnosticDescriptor StepAfterMachineEnd { get; } = Error("KJ1520", "no step can follow a jump expected to end the machine ({0})");

    /// <summary>An outcome field naming nothing KjTest compares.</summary>
    public static DiagnosticDescriptor UnknownOutcomeField { get; } = Error("KJ1521", "'{0}' names no register, state class, memory page or device register");

    /// <summary>A parameter written twice.</summary>
    public static DiagnosticDescriptor DuplicateParameter { get; } = Error("KJ1522", "parameter '{0}' is given twice");

    /// <summary>A device register its type does not have.</summary>
    public static DiagnosticDescriptor UnknownDeviceRegister { get; } = Error("KJ1523", "device '{0}' ({1}) has no register '{2}'");

    /// <summary>A register set twice in one place.</summary>
    public static DiagnosticDescriptor DuplicateRegister { get; } = Error("KJ1524", "register '{0}' is already given on line {1}");

    /// <summary>An IRQ line outside the 8259 pair.</summary>
    public static DiagnosticDescriptor InvalidIrq { get; } = Error("KJ1525", "IRQ {0} is not a line from 0 to 15");

    /// <summary>A port range running past port 0xffff.</summary>
    public static DiagnosticDescriptor PortRangeTooLarge { get; } = Error("KJ1526", "ports 0x{0:x} + {1} run past port 0xffff");

    /// <summary>An image with neither segments nor an ELF file, or with both.</summary>
    public static DiagnosticDescriptor ImageContentShape { get; } = Error("KJ1527", "image '{0}' needs either segments or an ELF file");

    /// <summary>Two memory map ranges sharing addresses.</summary>
    public static DiagnosticDescriptor OverlappingRegions { get; } = Error("KJ1528", "memory map range [0x{0:x}, 0x{1:x}) overlaps the range on line {2}");

    /// <summary>An era that did not support kexec jump on the chosen architecture.</summary>
    public static DiagnosticDescriptor EraArchMismatch { get; } = Error("KJ1529", "era {0} supports kexec jump only on {1}");

    /// <summary>Text that is not hexadecimal bytes.</summary>
    public static DiagnosticDescriptor InvalidBytes { get; } = Error("KJ1530", "'{0}' is not hexadecimal bytes (write pairs of hex digits, spaces allowed)");

    /// <summary>A memory expectation without bytes or a hash.</summary>
    public static DiagnosticDescriptor MemoryExpectationShape { get; } = Error("KJ1531", "a memory expectation needs either bytes or a size with a hash");

    /// <summary>An empty name.</summary>
    public static DiagnosticDescriptor EmptyName { get; } = Error("KJ1532", "{0} needs a non-empty name");

    /// <summary>An entry label on an image that has no assembly to define it.</summary>
    public static DiagnosticDescriptor LabelWithoutAssembly { get; } = Error("KJ1533", "entry label '{0}' needs image '{1}' to have an assembly segment that defines it");

    /// <summary>A console expectation naming a device that produces no console output.</summary>
    public static DiagnosticDescriptor NotAConsoleDevice { get; } = Error("KJ1534", "device '{0}' ({1}) produces no console output; console devices are uart16550 and debugcon");
}
