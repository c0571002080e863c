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

    /// <summary>Write upload bytes with O_DIRECT (Linux) through aligned staging buffers instead of through the page cache: on
    /// fast disks the page-cache copy is what bounds an upload. Falls back to buffered writes where the file system refuses
    /// O_DIRECT or staging memory is used up. Default true.</summary>
    public bool DirectWrites { get; init; } = true;

    /// <summary>Size of one staging buffer (a multiple of 4096); a direct append holds two, filling one while the other is
    /// written. Default 1 MiB.</summary>
    public int StagingBufferSize { get; init; } = 1024 * 1024;

    /// <summary>All staging buffers together stay within this; appends beyond it write through the page cache, so memory stays
    /// bounded however many uploads run. Default 8 MiB (four direct appends at once).</summary>
    public long StagingMemoryLimit { get; init; } = 8L * 1024 * 1024;

    /// <summary>Unfinished uploads expire this long after their last change; null never expires. Default 24 h.</summary>
    public TimeSpan? Expiration { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Where commit latency (fsync + record) is measured (<c>baton.storage.duration</c>, backend <c>disk</c>).</summary>
    public Telemetry.BatonMetrics Metrics { get; init; } = Telemetry.BatonMetrics.Unobserved;
}
