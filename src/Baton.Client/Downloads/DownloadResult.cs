namespace Baton.Client.Downloads;

/// <summary>The outcome of a successful download.</summary>
/// <param name="Path">The complete file.</param>
/// <param name="Resumed">Bytes from an earlier run were kept.</param>
/// <param name="Restarted">An earlier partial download was discarded because the remote file had changed.</param>
/// <param name="AlreadyComplete">The file was already there and up to date; nothing was downloaded.</param>
/// <param name="Connections">Connections used (1 when the server does not support ranges).</param>
/// <param name="Verified">What the bytes were verified against (e.g. "Repr-Digest sha-256"), or null when nothing was offered.</param>
public sealed record DownloadResult(
    string Path,
    long Length,
    Uri FinalUrl,
    bool Resumed,
    bool Restarted,
    bool AlreadyComplete,
    int Connections,
    string? Verified);
