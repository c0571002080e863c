using Baton.Client.Transfers;

namespace Baton.Cli;

/// <summary>The documented exit codes of every <c>baton</c> verb (docs/client.md lists them).</summary>
public static class ExitCodes
{
    public const int Success = 0;
    /// <summary>An unexpected failure.</summary>
    public const int Failure = 1;
    /// <summary>The command line was wrong, or names the wrong kind of thing (put of a folder, ls of a file, rm of a folder,
    /// serve of a file).</summary>
    public const int Usage = 2;
    /// <summary>The network kept failing until the retries ran out (or kept stalling).</summary>
    public const int Network = 3;
    /// <summary>get: the downloaded bytes did not match Repr-Digest or --checksum (nothing was left at PATH); put: the stored
    /// file's Repr-Digest did not match the local file.</summary>
    public const int VerificationFailed = 4;
    /// <summary>The remote file changed since the partial download began and --no-restart was given.</summary>
    public const int RemoteChanged = 5;
    /// <summary>The server answered 404 or 410 (or the local file to upload does not exist).</summary>
    public const int NotFound = 6;
    /// <summary>The server refused the request (another 4xx status, or the file exceeds Tus-Max-Size).</summary>
    public const int Refused = 7;
    /// <summary>The server broke the protocol (e.g. a Content-Range that does not match the request, not a tus server).</summary>
    public const int Protocol = 8;
    /// <summary>A local file could not be read or written.</summary>
    public const int LocalIo = 9;
    /// <summary>The server's storage is full (507); what it received is kept and a rerun after space is freed resumes.</summary>
    public const int ServerStorageFull = 10;
    /// <summary>Interrupted (Ctrl+C); the partial transfer is kept and a rerun resumes it.</summary>
    public const int Cancelled = 130;

    public static int For(TransferFailure failure) => failure switch
    {
        TransferFailure.Network => Network,
        TransferFailure.VerificationFailed => VerificationFailed,
        TransferFailure.RemoteChanged => RemoteChanged,
        TransferFailure.NotFound => NotFound,
        TransferFailure.HttpError => Refused,
        TransferFailure.Protocol => Protocol,
        TransferFailure.LocalIo => LocalIo,
        TransferFailure.WrongTarget => Usage,
        TransferFailure.ServerStorageFull => ServerStorageFull,
        _ => Failure,
    };
}
