using System.ComponentModel.DataAnnotations;

namespace Baton.Server.Downloads;

/// <summary>Settings of <c>GET|HEAD /files/{path}</c>.</summary>
public sealed class DownloadOptions
{
    /// <summary>
    /// Most ranges accepted in one Range header; more is answered 416 (RFC 9110 §14.2 allows rejecting
    /// "many small ranges"; this bounds the work one request can cause, CVE-2011-3192). Default 64.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxRanges { get; set; } = 64;

    /// <summary>Bytes read from disk into the response between two flushes (in 64 KiB pieces). Default 256 KiB.</summary>
    [Range(4 * 1024, 16 * 1024 * 1024)]
    public int BufferSize { get; set; } = 256 * 1024;

    /// <summary>
    /// Files up to this size get their SHA-256 computed on the request that first needs it; larger files are hashed
    /// by a background service and carry <c>Repr-Digest</c> once that is done. Default 1 MiB.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long InlineDigestLimit { get; set; } = 1024 * 1024;

    /// <summary>Whether files and folders whose names start with a dot are served and listed. Default false.</summary>
    public bool ServeHiddenFiles { get; set; }
}
