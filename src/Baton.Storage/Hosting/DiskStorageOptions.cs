using Baton.Storage.FileSystem;

namespace Baton.Storage.Hosting;

/// <summary>
/// Settings of the disk backend (configuration: <c>Baton:Storage:Disk:*</c>; the keys <c>Baton:Uploads:Durability</c> and
/// <c>Baton:Uploads:CheckpointBytes</c> of earlier versions are still read, the new keys win). Defaults are stated here once.
/// </summary>
public sealed class DiskStorageOptions
{
    public const string SectionName = "Storage:Disk";

    /// <summary>See <see cref="Storage.Durability"/>. Default Full.</summary>
    public Durability Durability { get; set; } = Durability.Full;

    /// <summary>During a long append, bytes received between checkpoints (fsync + record offset), bounding what a crash loses.
    /// At least 64 KiB. Default 8 MiB.</summary>
    public long CheckpointBytes { get; set; } = 8L * 1024 * 1024;

    /// <summary>With Durability Full, write upload bytes with O_DIRECT where the file system allows it (never with None).
    /// Default true.</summary>
    public bool DirectWrites { get; set; } = true;

    /// <summary>Size of one staging buffer (a positive multiple of 4096). Default 1 MiB.</summary>
    public int StagingBufferSize { get; set; } = 1024 * 1024;

    /// <summary>Staging buffers one append fills in turn, the others being hashed and written meanwhile (at least 2). Default 4.</summary>
    public int StagingBuffersPerAppend { get; set; } = 4;

    /// <summary>All staging buffers together stay within this (at least one buffer). Default 8 MiB.</summary>
    public long StagingMemoryLimit { get; set; } = 8L * 1024 * 1024;

    /// <summary>The store's settings over <paramref name="folder"/>.</summary>
    public FileUploadStoreOptions ToStoreOptions(string folder, TimeSpan? expiration) => new()
    {
        Folder = folder,
        Durability = Durability,
        CheckpointBytes = CheckpointBytes,
        DirectWrites = DirectWrites,
        StagingBufferSize = StagingBufferSize,
        StagingBuffersPerAppend = StagingBuffersPerAppend,
        StagingMemoryLimit = StagingMemoryLimit,
        Expiration = expiration,
    };
}
