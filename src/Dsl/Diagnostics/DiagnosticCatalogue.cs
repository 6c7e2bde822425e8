using KjTest.Abi.Elf;

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

    /// <summary>A YAML file whose last line has no line break: YAML allows it, but a file cut off mid-line looks the same.</summary>
    public static DiagnosticDescriptor YamlNoFinalLineBreak { get; } = Warning("KJ1006", "the file ends in the middle of its last line, with no line break (was the file cut off?)");

    /// <summary>A folder named on the command line, or found inside one, could not be listed (permissions).</summary>
    public static DiagnosticDescriptor FolderNotReadable { get; } = Error("KJ1007", "cannot read folder {0}: {1}");

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

    /// <summary>An expression nested (parentheses, unary operators, operator chains) beyond what the assembler walks.</summary>
    public static DiagnosticDescriptor AsmExpressionTooDeep { get; } = Error("KJ1417", "expression nested too deeply (more than {0} levels)");

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
    public static DiagnosticDescriptor ElfNotElf { get; } = Error("KJ1440", ElfProblem.Format(ElfProblemKind.NotElf));

    /// <summary>The ELF file ends before a header it declares.</summary>
    public static DiagnosticDescriptor ElfTruncated { get; } = Error("KJ1441", ElfProblem.Format(ElfProblemKind.Truncated));

    /// <summary>The ELF class, byte order or version is not one KjTest loads.</summary>
    public static DiagnosticDescriptor ElfUnsupportedFormat { get; } = Error("KJ1442", ElfProblem.Format(ElfProblemKind.UnsupportedFormat));

    /// <summary>The ELF machine is neither x86 nor x86-64.</summary>
    public static DiagnosticDescriptor ElfUnsupportedMachine { get; } = Error("KJ1443", ElfProblem.Format(ElfProblemKind.UnsupportedMachine));

    /// <summary>The ELF file is not an executable (ET_EXEC) or position-independent executable (ET_DYN).</summary>
    public static DiagnosticDescriptor ElfUnsupportedType { get; } = Error("KJ1444", ElfProblem.Format(ElfProblemKind.UnsupportedType));

    /// <summary>A PT_LOAD header points past the end of the file.</summary>
    public static DiagnosticDescriptor ElfSegmentBeyondFile { get; } = Error("KJ1445", ElfProblem.Format(ElfProblemKind.SegmentBeyondFile));

    /// <summary>A PT_LOAD header has a memory size smaller than its file size.</summary>
    public static DiagnosticDescriptor ElfMemorySizeBelowFileSize { get; } = Error("KJ1446", ElfProblem.Format(ElfProblemKind.MemorySizeBelowFileSize));

    /// <summary>The ELF file has no PT_LOAD program header.</summary>
    public static DiagnosticDescriptor ElfNoLoadSegments { get; } = Error("KJ1447", ElfProblem.Format(ElfProblemKind.NoLoadSegments));

    /// <summary>A PT_LOAD index asked for does not exist.</summary>
    public static DiagnosticDescriptor ElfSegmentIndexOutOfRange { get; } = Error("KJ1448", "{0} has {1} PT_LOAD segment(s); index {2} does not exist");

    /// <summary>The ELF library rejected a file that passed KjTest's own checks.</summary>
    public static DiagnosticDescriptor ElfMalformed { get; } = Error("KJ1449", ElfProblem.Format(ElfProblemKind.Malformed));

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

    /// <summary>A memory map range whose start plus size does not fit 64 bits.</summary>
    public static DiagnosticDescriptor RegionPastAddressSpace { get; } = Error("KJ1546", "memory map range at 0x{0:x} of size 0x{1:x} ends past the 64-bit address space");

    /// <summary>Text that is not hexadecimal bytes.</summary>
    public static DiagnosticDescriptor InvalidBytes { get; } = Error("KJ1530", "'{0}' is not hexadecimal bytes (write pairs of hex digits, spaces allowed)");

    /// <summary>A memory expectation without bytes or a hash.</summary>
    public static DiagnosticDescriptor MemoryExpectationShape { get; } = Error("KJ1531", "a memory expectation needs either bytes or a size with a hash");

    /// <summary>An empty name.</summary>
    public static DiagnosticDescriptor EmptyName { get; } = Error("KJ1532", "{0} needs a non-empty name");

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

    /// <summary>The last line has no line break: a statement ends at one, so the file may have been cut off mid-line.</summary>
    public static DiagnosticDescriptor KjtNoFinalLineBreak { get; } = Error("KJ1216", "the file ends in the middle of its last line: every line ends with a line break (was the file cut off?)");

    /// <summary>An entry label on an image that has no assembly to define it.</summary>
    public static DiagnosticDescriptor LabelWithoutAssembly { get; } = Error("KJ1533", "entry label '{0}' needs image '{1}' to have an assembly segment that defines it");

    /// <summary>A console expectation naming a device that produces no console output.</summary>
    public static DiagnosticDescriptor NotAConsoleDevice { get; } = Error("KJ1534", "device '{0}' ({1}) produces no console output; console devices are uart16550 and debugcon");

    /// <summary>An entry label that no assembly segment of the image defines.</summary>
    public static DiagnosticDescriptor EntryLabelUndefined { get; } = Error("KJ1535", "entry label '{0}' is not defined by the assembly of image '{1}'");

    /// <summary>Content too large to hold in memory as one buffer.</summary>
    public static DiagnosticDescriptor ContentTooLargeToResolve { get; } = Error("KJ1536", "content of {0} bytes is too large to build (at most {1} bytes)");

    /// <summary>A kernel step that fails only when a device callback does.</summary>
    public static DiagnosticDescriptor StepFailsThroughDevices { get; } = Error(
        "KJ1537", "{0} fails only when a device callback fails; use fault device_pm_failure with the device and its phase");

    /// <summary>A DMA fault naming a device that cannot master the bus.</summary>
    public static DiagnosticDescriptor NotABusMaster { get; } = Error(
        "KJ1538", "device '{0}' ({1}) is not a bus master; DMA comes from a programmable device");

    /// <summary>A scenario with no step whose result is compared: no load, unload or jump.</summary>
    public static DiagnosticDescriptor ChecksNothing { get; } = Error(
        "KJ1539", "scenario '{0}' checks nothing: it has no load, unload or jump step");

    /// <summary>A fault with no later step for it to act on.</summary>
    public static DiagnosticDescriptor FaultNeverFires { get; } = Error("KJ1540", "fault '{0}' never fires: no {1} step follows it");

    /// <summary>An expectation, or an expect step, that cannot fail.</summary>
    public static DiagnosticDescriptor ExpectationChecksNothing { get; } = Error("KJ1541", "{0} checks nothing: {1}");

    /// <summary>An outcome of skip that does not say why.</summary>
    public static DiagnosticDescriptor SkipWithoutReason { get; } = Error("KJ1542", "outcome skip needs a reason: say why the scenario is not run");

    /// <summary>A reason on an outcome other than skip.</summary>
    public static DiagnosticDescriptor ReasonWithoutSkip { get; } = Error("KJ1543", "only outcome skip takes a reason, not outcome {0}");

    /// <summary>A jump expected to return, with no expect step after the last one.</summary>
    public static DiagnosticDescriptor NothingCheckedAfterJump { get; } = Warning(
        "KJ1544", "nothing is checked after this jump: no expect step follows it");

    /// <summary>An <c>era</c> beside a per-era outcome table, which names the eras itself.</summary>
    public static DiagnosticDescriptor EraWithEraOutcomes { get; } = Error("KJ1545", "'era: {0}' beside a per-era outcome: the table names the eras the scenario runs on");
}
