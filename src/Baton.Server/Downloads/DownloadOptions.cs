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

    /// <summary>Most bytes one download reads from disk into the response between two flushes. Default 1 MiB. Large batches
    /// mean few flushes and thread hand-offs per byte; the batch shrinks when many downloads share <see cref="BufferBudget"/>.</summary>
    [Range(64 * 1024, 16 * 1024 * 1024)]
    public int BufferSize { get; set; } = 1024 * 1024;

    /// <summary>
    /// Unflushed response bytes all downloads together may hold: each download's batch is this divided by the downloads
    /// running, in whole 16 KiB steps between 16 KiB and <see cref="BufferSize"/>. Bounds memory under many concurrent downloads.
    /// Default 4 MiB.
    /// </summary>
    [Range(64 * 1024, 1L << 32)]
    public long BufferBudget { get; set; } = 4L * 1024 * 1024;

    /// <summary>
    /// Files up to this size get their SHA-256 computed on the request that first needs it; larger files are hashed
    /// by a background service and carry <c>Repr-Digest</c> once that is done. Default 1 MiB.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long InlineDigestLimit { get; set; } = 1024 * 1024;

    /// <summary>
    /// On a backend that can sign storage URLs (S3), answer a file GET with <c>307</c> to a presigned URL instead of relaying the
    /// bytes, for deployments that want downloads to bypass Baton. Access checks, preconditions (304/412) and 416 are still
    /// decided by Baton; HEAD and folder archives are still served by it. Trade-off: the storage's response has no
    /// <c>Repr-Digest</c>, CSP or nosniff header. Default false.
    /// </summary>
    public bool RedirectToStorage { get; set; }

    /// <summary>How long a redirect's presigned URL stays valid (<see cref="RedirectToStorage"/>). Default 5 minutes: long enough
    /// for a client to follow it and start, short enough that a leaked URL soon stops working; each resumed request gets a new one.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "12:00:00")]
    public TimeSpan RedirectLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether files and folders whose names start with a dot are served and listed. Default false.</summary>
    public bool ServeHiddenFiles { get; set; }
}
