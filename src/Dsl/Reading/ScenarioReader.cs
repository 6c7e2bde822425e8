using System.Text;
using KjTest.Dsl.Diagnostics;

namespace KjTest.Dsl.Reading;

/// <summary>
/// Reads scenario files of any supported syntax: checks that the file is readable, non-empty text,
/// then hands it to the front end for its extension.
/// </summary>
public sealed class ScenarioReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly Dictionary<string, IScenarioFrontEnd> _frontEnds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a reader for the given front ends.</summary>
    public ScenarioReader(IEnumerable<IScenarioFrontEnd> frontEnds)
    {
        foreach (var frontEnd in frontEnds)
        {
            foreach (var extension in frontEnd.Extensions)
            {
                _frontEnds[extension] = frontEnd;
            }
        }
    }

    /// <summary>The extensions some front end reads.</summary>
    public IReadOnlyCollection<string> Extensions => _frontEnds.Keys;

    /// <summary>True when <paramref name="path"/> has an extension some front end reads.</summary>
    public bool CanRead(string path) => _frontEnds.ContainsKey(Path.GetExtension(path));

    /// <summary>Reads the file at <paramref name="path"/>. Never throws for bad input.</summary>
    public ParseResult ReadFile(string path)
    {
        var read = BoundedFile.Read(path, BoundedFile.ScenarioLimit, "the scenario file limit");
        if (read.Bytes is not { } bytes)
        {
            return Fail(DiagnosticCatalogue.FileNotReadable.Create(SourceSpan.StartOf(path), read.Problem));
        }

        return Read(path, bytes);
    }

    /// <summary>Reads a scenario from bytes that came from <paramref name="path"/>.</summary>
    public ParseResult Read(string path, byte[] bytes)
    {
        if (!_frontEnds.TryGetValue(Path.GetExtension(path), out var frontEnd))
        {
            return Fail(DiagnosticCatalogue.UnknownFileKind.Create(SourceSpan.StartOf(path), Path.GetExtension(path)));
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Fail(DiagnosticCatalogue.BinaryFile.Create(SourceSpan.StartOf(path)));
        }

        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var nul = text.IndexOf('\0', StringComparison.Ordinal);
        var source = new SourceText(path, text);
        if (nul >= 0)
        {
            return new ParseResult(null, [DiagnosticCatalogue.BinaryFile.Create(source.Span(nul, 1))], source);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return new ParseResult(null, [DiagnosticCatalogue.EmptyFile.Create(SourceSpan.StartOf(path))], source);
        }

        return frontEnd.Parse(source);
    }

    private static ParseResult Fail(Diagnostic diagnostic) => new(null, [diagnostic], null);
}
