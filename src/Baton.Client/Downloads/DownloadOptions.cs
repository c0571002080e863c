using System.ComponentModel.DataAnnotations;

namespace Baton.Client.Downloads;

/// <summary>How <see cref="FileDownloader"/> downloads one URL. Every property has a documented default.</summary>
public sealed record DownloadOptions
{
    /// <summary>Where to write. An existing folder (or a path ending in a separator) receives the file under its derived name.
    /// Default null: the current folder, named from Content-Disposition, else the URL.</summary>
    public string? OutputPath { get; init; }

    /// <summary>Connections to use when the server supports ranges. Default null: chosen by size (one per 4 MiB),
    /// at most <see cref="PoliteConnectionsPerHost"/>. There is no upper cap besides 1024 when set explicitly.</summary>
    [Range(1, 1024)]
    public int? Connections { get; init; }

    /// <summary>The most connections chosen automatically for one host. Default 4.</summary>
    [Range(1, 64)]
    public int PoliteConnectionsPerHost { get; init; } = 4;

    /// <summary>The expected checksum of the whole file (verified at the end). Default none.</summary>
    public ExpectedChecksum? Checksum { get; init; }

    /// <summary>Bytes per second for the whole transfer, all connections together. Default null: unlimited.</summary>
    [Range(1, long.MaxValue)]
    public long? LimitBytesPerSecond { get; init; }

    /// <summary>Retries after a failure that made no progress (a failure after progress keeps the bytes and starts a fresh count). Default 5.</summary>
    [Range(0, 1000)]
    public int Retries { get; init; } = 5;

    /// <summary>The first retry delay; later ones grow exponentially with jitter. Default 0.5 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>A connection that receives no byte for this long is abandoned and retried. Default 30 s.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>When the remote file changed since the partial download began: start over (default true) or fail.</summary>
    public bool AllowRestart { get; init; } = true;

    /// <summary>How often the control file is saved while downloading (it is always saved on exit). Default 2 s.</summary>
    public TimeSpan SaveInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often progress is reported. Default 250 ms.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Segments are not split below this size. Default 1 MiB.</summary>
    [Range(4096, long.MaxValue)]
    public long MinimumSegmentBytes { get; init; } = 1 << 20;

    /// <summary>Size of each connection's pooled read buffer. Default 1 MiB: one read takes whatever the socket holds, so a fast
    /// link costs few system calls and thread hops. With many connections each gets at most
    /// <see cref="TotalBufferBytes"/> / connections (not below 64 KiB), so memory stays bounded.</summary>
    [Range(4096, 16 << 20)]
    public int BufferSize { get; init; } = 1 << 20;

    /// <summary>The most read-buffer memory all connections of one download share (see <see cref="BufferSize"/>). Default 32 MiB.</summary>
    [Range(4096, int.MaxValue)]
    public int TotalBufferBytes { get; init; } = 32 << 20;

    /// <summary>The read buffer size for each of <paramref name="connections"/> connections.</summary>
    internal int BufferSizeFor(int connections) =>
        Math.Min(BufferSize, Math.Max(64 * 1024, TotalBufferBytes / Math.Max(1, connections)));

    /// <summary>Ask the server for a SHA-256 Repr-Digest (RFC 9530 §4) and verify it. Default true.</summary>
    public bool RequestDigest { get; init; } = true;

    /// <summary>Called with one-line notices for the user (retries, a restart because the remote file changed). Default none.</summary>
    public Action<string>? Notice { get; init; }

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);
        if (StallTimeout <= TimeSpan.Zero || SaveInterval <= TimeSpan.Zero || ProgressInterval <= TimeSpan.Zero || RetryDelay < TimeSpan.Zero)
        {
            throw new ValidationException("timeouts and intervals must be positive");
        }
    }
}
