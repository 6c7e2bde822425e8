using KjTest.Dsl.Diagnostics;

namespace KjTest.Runtime.Scenarios;

/// <summary>
/// The messages a run reports (KJ16xx), each with a stable id: what the steps found (a result that differs, a jump
/// that did not come back, an expectation not met) and KjTest's own failures. The ids continue the catalogue of
/// <see cref="DiagnosticCatalogue"/>.
/// </summary>
public static class RuntimeCatalogue
{
    // A run message is not a diagnostic of the input: its severity is never shown, the outcome says what it means.
    private static DiagnosticDescriptor Error(string id, string format) => new(id, Severity.Error, format);

    private static DiagnosticDescriptor Note(string id, string format) => Error(id, format);

    /// <summary>KjTest itself failed while running a planned scenario.</summary>
    public static DiagnosticDescriptor InternalError { get; } = Error("KJ1601", "KjTest failed while running the scenario ({0}): {1}");

    /// <summary>A call returned another result than the one expected.</summary>
    public static DiagnosticDescriptor ResultDiffers { get; } = Error("KJ1602", "expected {0}, but {1}");

    /// <summary>A jump did not return to A.</summary>
    public static DiagnosticDescriptor NeverReturned { get; } = Error("KJ1603", "A never got control back: {0}");

    /// <summary>A plain kexec ended in the image, as it does by design.</summary>
    public static DiagnosticDescriptor PlainKexecEnded { get; } = Note("KJ1604", "{0}");

    /// <summary>An NMI or IRQ was taken at a point of kernel_kexec.</summary>
    public static DiagnosticDescriptor EventTaken { get; } = Note("KJ1606", "at {0}: {1}");

    /// <summary>A register holds another value.</summary>
    public static DiagnosticDescriptor RegisterDiffers { get; } = Error("KJ1607", "{0} is {1}, expected {2}{3}");

    /// <summary>Memory holds other bytes.</summary>
    public static DiagnosticDescriptor MemoryDiffers { get; } = Error("KJ1608", "memory at 0x{0:x} is {1}, expected {2}");

    /// <summary>Memory hashes to another digest.</summary>
    public static DiagnosticDescriptor HashDiffers { get; } = Error("KJ1609", "sha256 of 0x{0:x} bytes at 0x{1:x} is {2}, expected {3}");

    /// <summary>The console shows another text.</summary>
    public static DiagnosticDescriptor ConsoleDiffers { get; } = Error("KJ1610", "console{0} shows \"{1}\", expected {2} \"{3}\"");

    /// <summary>image_start with no image loaded.</summary>
    public static DiagnosticDescriptor NoImageStart { get; } = Error("KJ1611", "no image is loaded, so there is no image->start");

    /// <summary>image->start holds another address.</summary>
    public static DiagnosticDescriptor ImageStartDiffers { get; } = Error("KJ1612", "image->start is 0x{0:x}, expected 0x{1:x} ({2})");

    /// <summary>A kimage fact differs.</summary>
    public static DiagnosticDescriptor KimageDiffers { get; } = Error("KJ1613", "kimage {0} is {1}, expected {2}");

    /// <summary>A kimage expectation with no normal image loaded.</summary>
    public static DiagnosticDescriptor NoKimage { get; } = Error("KJ1614", "no normal image is loaded");

    /// <summary>A preserved expectation after jumps none of which returned.</summary>
    public static DiagnosticDescriptor NoReturnToCompare { get; } = Error("KJ1615", "preserved needs a jump that returned to A before it");

    /// <summary>The scenario states outcome skip and was not run.</summary>
    public static DiagnosticDescriptor Skipped { get; } = Note("KJ1616", "skipped: {0}");

    /// <summary>A console dropped output past the scenario's console limit.</summary>
    public static DiagnosticDescriptor ConsoleTruncated { get; } = Note("KJ1617", "{0} kept its first {1} bytes and dropped {2} more (limits: console_bytes)");

    /// <summary>Every descriptor, for the uniqueness and coverage tests.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All { get; } =
        [.. typeof(RuntimeCatalogue).GetProperties().Where(p => p.PropertyType == typeof(DiagnosticDescriptor)).Select(p => (DiagnosticDescriptor)p.GetValue(null)!)];

    /// <summary>A message of <paramref name="descriptor"/> about <paramref name="span"/>.</summary>
    public static RunMessage Message(DiagnosticDescriptor descriptor, SourceSpan span, params object?[] args)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new RunMessage(span, descriptor.Id, descriptor.Create(span, args).Message);
    }
}
