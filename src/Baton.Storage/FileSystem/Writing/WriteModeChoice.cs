namespace Baton.Storage.FileSystem.Writing;

/// <summary>Which staged write mode an append uses: decided from the settings alone (the I/O happens in the writer).</summary>
internal static class WriteModeChoice
{
    /// <summary>O_DIRECT only where every acknowledged byte must reach the device anyway (<see cref="Durability.Full"/>) and
    /// direct writes are on; with <see cref="Durability.None"/> the page cache is the point, so buffered writes always; durable
    /// buffered writes start writeback per buffer so the commit's fsync has little left to do.</summary>
    public static WriteMode Choose(Durability durability, bool directWrites) => durability switch
    {
        Durability.None => WriteMode.Buffered,
        _ when directWrites => WriteMode.Direct,
        _ => WriteMode.BufferedWriteback,
    };
}
