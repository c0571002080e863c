namespace Baton.Server.Downloads;

/// <summary>How copying a body ended. A client leaving and a file ending early look alike from the copy loop's side (both
/// stop the copy before the promised length), but only the second means the file changed and is worth a warning.</summary>
public enum BodyOutcome
{
    /// <summary>Every promised byte was written.</summary>
    Sent,

    /// <summary>The client went away (the response pipe completed or was cancelled) before every byte was written.</summary>
    ClientGone,

    /// <summary>The file ended before its announced length: it shrank while it was being sent.</summary>
    FileEnded,
}
