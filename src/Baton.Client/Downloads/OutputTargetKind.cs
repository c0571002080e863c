namespace Baton.Client.Downloads;

/// <summary>What is at a download's output path (without following a symbolic link there).</summary>
public enum OutputTargetKind
{
    /// <summary>Nothing: the file is created.</summary>
    Absent,
    /// <summary>A regular file: resumed when a control file says how, else replaced once the download is complete and verified.</summary>
    RegularFile,
    Directory,
    /// <summary>A character device (e.g. /dev/null): streamed through, not resumable.</summary>
    CharacterDevice,
    /// <summary>A FIFO (named pipe): streamed through, not resumable.</summary>
    Fifo,
    /// <summary>A symbolic link: refused — the .part file would be renamed over the link, not written to its target.</summary>
    SymbolicLink,
    /// <summary>A block device or socket: refused.</summary>
    Other,
}
