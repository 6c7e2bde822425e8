namespace KjTest.Dsl.Reading;

/// <summary>What <c>statx</c> says of a path, following symbolic links.</summary>
/// <param name="Kind">Regular file, directory, FIFO, ...</param>
/// <param name="Size">Bytes, for a regular file; else 0.</param>
/// <param name="Identity">Device and inode: equal for every path reaching the same file or folder.</param>
public sealed record FileStatus(FileKind Kind, long Size, string Identity);
