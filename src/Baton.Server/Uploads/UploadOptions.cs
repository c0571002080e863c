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
}
