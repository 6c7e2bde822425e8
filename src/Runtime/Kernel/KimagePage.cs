namespace KjTest.Runtime.Kernel;

/// <summary>One destination page of a normal kimage and the source page that holds its content until the jump.</summary>
/// <param name="Destination">Physical destination page.</param>
/// <param name="Source">Physical source page (equal to <paramref name="Destination"/> for a self-destination page).</param>
public readonly record struct KimagePage(ulong Destination, ulong Source);
