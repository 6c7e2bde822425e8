namespace KjTest.Dsl.Reading;

/// <summary>The bytes of a file, or why it was not read (<see cref="BoundedFile"/>).</summary>
/// <param name="Bytes">The whole file, or null.</param>
/// <param name="Problem">Why the file was not read, as a clause ("it is a FIFO, not a regular file"), or null.</param>
/// <param name="Missing">True when nothing exists at the path.</param>
public sealed record BoundedRead(byte[]? Bytes, string? Problem, bool Missing = false);
