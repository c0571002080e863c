namespace Baton.Storage;

/// <summary>How hard the store works to keep acknowledged bytes across a crash or power loss.</summary>
public enum Durability
{
    /// <summary>Data is fsynced before an offset is recorded, records are written to a temp file, fsynced, renamed and the
    /// folder fsynced. An acknowledged offset survives a power loss. The default.</summary>
    Full,

    /// <summary>No fsync: the OS writes back when it likes. Survives a process crash (kill -9), not a power loss; on restart
    /// the offset may be lower than one acknowledged before the power loss (clients resume from the reported offset).</summary>
    None,
}
