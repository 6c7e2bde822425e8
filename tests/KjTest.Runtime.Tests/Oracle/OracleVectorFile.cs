namespace KjTest.Runtime.Tests.Oracle;

/// <summary>One vector file: its header fields (<c># key: value</c> lines) and its cases.</summary>
internal sealed record OracleVectorFile(string Path, IReadOnlyDictionary<string, string> Header, IReadOnlyList<OracleVector> Vectors);
