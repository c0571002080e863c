namespace Baton.Testing;

/// <summary>How a <see cref="FaultyFileServer"/> misbehaves.</summary>
public enum FaultyServerMode
{
    /// <summary>Ignores Range and always answers 200 with the whole file (allowed by RFC 9110 §14.2, fatal to naive resumers).</summary>
    IgnoreRange,
    /// <summary>Honours Range but cuts most responses off at a random point by resetting the connection.</summary>
    DropConnections,
    /// <summary>Honours Range, but the first response longer than 64 KiB stops sending after 64 KiB and holds the connection open.</summary>
    StallOnce,
}
