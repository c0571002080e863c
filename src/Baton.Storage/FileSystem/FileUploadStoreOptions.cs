namespace Baton.Storage.FileSystem;

/// <summary>Settings of <see cref="FileUploadStore"/>.</summary>
public sealed record FileUploadStoreOptions
{
    /// <summary>The staging folder holding <c>ID.json</c> (record) and <c>ID.data</c> (bytes) per upload. Required.</summary>
    public required string Folder { get; init; }

    /// <summary>See <see cref="Storage.Durability"/>. Default Full.</summary>
    public Durability Durability { get; init; } = Durability.Full;

    /// <summary>During a long append, bytes received between checkpoints (fsync + record offset), bounding what a crash
    /// loses. Default 8 MiB.</summary>
    public long CheckpointBytes { get; init; } = 8L * 1024 * 1024;

    /// <summary>With <see cref="Durability.Full"/>, write upload bytes with O_DIRECT (Linux) from the staging buffers instead of
    /// through the page cache + fsync: no page-cache copy, and the commit's fsync finds nothing left to write. Never used with
    /// <see cref="Durability.None"/>, where the page cache is the point. Falls back to buffered writes where the file system
    /// refuses O_DIRECT. Default true (measured faster on this project's machines: bench/analysis.md).</summary>
    public bool DirectWrites { get; init; } = true;

    /// <summary>Size of one staging buffer (a multiple of 4096). Default 1 MiB.</summary>
    public int StagingBufferSize { get; init; } = 1024 * 1024;

    /// <summary>Staging buffers one append fills in turn (at least 2): while one fills, the others are hashed and written, so up
    /// to this many buffers are in flight. Fewer (down to 2) when staging memory is short. Default 4.</summary>
    public int StagingBuffersPerAppend { get; init; } = 4;

    /// <summary>All staging buffers together stay within this; appends beyond it write straight from the request's buffers
    /// through the page cache, so memory stays bounded however many uploads run. Default 8 MiB (two appends of four buffers,
    /// or up to four of two).</summary>
    public long StagingMemoryLimit { get; init; } = 8L * 1024 * 1024;

    /// <summary>Unfinished uploads expire this long after their last change; null never expires. Default 24 h.</summary>
    public TimeSpan? Expiration { get; init; } = TimeSpan.FromHours(24);
}
