namespace Baton.Storage.FileSystem.Writing;

/// <summary>How an append puts its bytes on the disk (<see cref="WriteModeChoice"/> picks one).</summary>
internal enum WriteMode
{
    /// <summary>O_DIRECT through staging buffers (<see cref="DirectChunkWriter"/>): no page-cache copy; every write waits for
    /// the device, in the background.</summary>
    Direct,

    /// <summary>Through the page cache straight from the request's buffers; the kernel writes back when it likes.</summary>
    Buffered,

    /// <summary>Through the page cache with writeback started as the bytes arrive (sync_file_range), for appends that fsync at
    /// commit: the fsync then finds little left to write.</summary>
    BufferedWriteback,
}
