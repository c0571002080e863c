using System.ComponentModel.DataAnnotations;

namespace Baton.Client.Uploads;

/// <summary>How <see cref="TusUploader"/> uploads one file. Every property has a documented default.</summary>
public sealed record UploadOptions
{
    /// <summary>Bytes per PATCH request; each chunk is acknowledged (and checksummed per <see cref="ChunkChecksums"/>). Default 8 MiB.</summary>
    [Range(1, long.MaxValue)]
    public long ChunkSize { get; init; } = 8L << 20;

    /// <summary>Parallel partial uploads joined with the concatenation extension, when the server offers it. Default 1.</summary>
    [Range(1, 64)]
    public int Parallel { get; init; } = 1;

    /// <summary>When chunks carry a tus Upload-Checksum. Default <see cref="Uploads.ChunkChecksums.Auto"/>: only for servers without end-to-end verification.</summary>
    public ChunkChecksums ChunkChecksums { get; init; } = ChunkChecksums.Auto;

    /// <summary>The protocol: tus 1.0, IETF Resumable Uploads, or (default) whichever the server's OPTIONS advertises, tus first.</summary>
    public UploadProtocol Protocol { get; init; } = UploadProtocol.Auto;

    /// <summary>
    /// Send the bytes even when the server may already hold them: no digest-first creation (the behaviour before issue 15).
    /// Default false: against a server offering <c>Baton-File-Digest: sha-256</c> the file is hashed first and content the server
    /// already has is not sent again.
    /// </summary>
    public bool AsCopy { get; init; }

    /// <summary>Upload-Metadata pairs. "filename" defaults to the file's name. Default none.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>Retries after a failure that made no progress. Default 5.</summary>
    [Range(0, 1000)]
    public int Retries { get; init; } = 5;

    /// <summary>The first retry delay; later ones grow exponentially with jitter. Default 0.5 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Bytes per second for the whole upload. Default null: unlimited.</summary>
    [Range(1, long.MaxValue)]
    public long? LimitBytesPerSecond { get; init; }

    /// <summary>Where resumable upload state is kept. Default: $XDG_STATE_HOME/baton/uploads, else ~/.local/state/baton/uploads.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>How often progress is reported. Default 250 ms.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Called with one-line notices for the user (e.g. "the server does not offer concatenation; uploading sequentially").</summary>
    public Action<string>? Notice { get; init; }

    public void Validate() => Validator.ValidateObject(this, new ValidationContext(this), validateAllProperties: true);

    public string ResolveStateDirectory()
    {
        if (StateDirectory is not null)
        {
            return StateDirectory;
        }
        var xdg = Environment.GetEnvironmentVariable("XDG_STATE_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state")
            : xdg;
        return Path.Combine(root, "baton", "uploads");
    }
}
