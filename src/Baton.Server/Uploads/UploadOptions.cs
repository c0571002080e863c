using System.ComponentModel.DataAnnotations;

namespace Baton.Server.Uploads;

/// <summary>Settings of the resumable upload endpoints (tus 1.0 and IETF Resumable Uploads).</summary>
public sealed class UploadOptions
{
    /// <summary>Largest upload accepted, in bytes (advertised as <c>Tus-Max-Size</c>). Default 0: no limit beyond free disk.</summary>
    [Range(0, long.MaxValue)]
    public long MaxSize { get; set; }

    /// <summary>File name extensions accepted (e.g. <c>.jpg</c>, case-insensitive); empty accepts all. Checked at creation.</summary>
    public string[] AllowedExtensions { get; set; } = [];

    /// <summary>Media types accepted from the <c>filetype</c> metadata (e.g. <c>image/*</c>); empty accepts all. Checked at creation.</summary>
    public string[] AllowedMediaTypes { get; set; } = [];

    /// <summary>Chunk size suggested to clients (browser page, CLI). Default 8 MiB.</summary>
    [Range(64 * 1024, int.MaxValue)]
    public int SuggestedChunkSize { get; set; } = 8 * 1024 * 1024;

    /// <summary>Parallel connections per upload suggested to clients (tus concatenation). Default 1.</summary>
    [Range(1, 64)]
    public int SuggestedParallelUploads { get; set; } = 1;

    /// <summary>Unfinished uploads expire this long after their last change (advertised as <c>Upload-Expires</c>);
    /// 00:00:00 disables expiry. Default 24 h.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan Expiration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How often the background sweep removes expired uploads. Default 10 min.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>What a completed upload does when a file of its name exists in ROOT. Default KeepBoth (<c>name (1).ext</c>).</summary>
    public UploadNameClash NameClash { get; set; } = UploadNameClash.KeepBoth;

    /// <summary>Senders slower than this (bytes/s, after <see cref="MinDataRateGracePeriod"/>) are cut off, keeping what arrived; 0 disables the
    /// check. Default 1024.</summary>
    [Range(0, int.MaxValue)]
    public int MinBytesPerSecond { get; set; } = 1024;

    /// <summary>How long a request body may run below <see cref="MinBytesPerSecond"/> before it is cut off; more than Kestrel's
    /// 1 s heartbeat. Default 10 s.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan MinDataRateGracePeriod { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Instant uploads of content the caller may not read (another scope, an upload-only link) after a proof of possession:
    /// a creation that declared a digest and was not completed at once gets a <c>Baton-Proof-Challenge</c>, whether or not the
    /// content exists (docs/uploads.md §Instant uploads, docs/security.md). Default false: only content the caller may read
    /// completes instantly.</summary>
    public bool InstantAcrossScopes { get; set; }

}
