namespace KjTest.Dsl.Reading;

/// <summary>What a path names, as <c>stat</c> sees it after following symbolic links.</summary>
public enum FileKind
{
    Missing,
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}
