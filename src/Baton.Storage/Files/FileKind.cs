namespace Baton.Storage.Files;

/// <summary>What a name in a file source refers to. Anything that is neither a regular file nor a folder (device, pipe, socket)
/// is <see cref="Other"/> and is never opened: opening a FIFO for reading would block until a writer appears.</summary>
public enum FileKind
{
    File,
    Directory,
    Other,
}
