using System.ComponentModel.DataAnnotations;

namespace Baton.Server.Uploads;

/// <summary>Settings of the resumable upload endpoints (tus 1.0 and IETF Resumable Uploads).</summary>
public sealed class UploadOptions
{
    /// <summary>Largest upload accepted, in bytes (advertised as <c>Tus-Max-Size</c>). Default 0: no limit beyond free disk.</summary>
    [Range(0, long.MaxValue)]
    public long MaxSize { get; set; }
}
