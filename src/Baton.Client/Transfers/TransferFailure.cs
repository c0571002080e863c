namespace Baton.Client.Transfers;

/// <summary>Why a transfer stopped; the CLI maps each to a documented exit code.</summary>
public enum TransferFailure
{
    /// <summary>The network kept failing until the retries ran out (or stalled past the stall timeout each time).</summary>
    Network,
    /// <summary>The bytes did not match the server's Repr-Digest or the expected checksum.</summary>
    VerificationFailed,
    /// <summary>The remote file changed since the partial download began and restarting was not allowed.</summary>
    RemoteChanged,
    /// <summary>The server answered 404 or 410.</summary>
    NotFound,
    /// <summary>The server refused the request with another error status.</summary>
    HttpError,
    /// <summary>The server broke the protocol (e.g. a Content-Range that does not match the request).</summary>
    Protocol,
    /// <summary>The local file could not be read or written.</summary>
    LocalIo,
    /// <summary>The command names the wrong kind of thing for the operation: a file to list, a folder to delete, a parallel tus
    /// upload to finish over IETF.</summary>
    WrongTarget,
    /// <summary>The server's storage is full (507 Insufficient Storage, RFC 4918 §11.5): retrying now cannot help, rerunning after
    /// space is freed resumes where the server stopped.</summary>
    ServerStorageFull,
}
