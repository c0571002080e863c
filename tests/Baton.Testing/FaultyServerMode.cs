namespace Baton.Testing;

/// <summary>How a <see cref="FaultyFileServer"/> misbehaves.</summary>
public enum FaultyServerMode
{
    /// <summary>Ignores Range and always answers 200 with the whole file (allowed by RFC 9110 §14.2, fatal to naive resumers).</summary>
    IgnoreRange,
    /// <summary>Honours Range but cuts most responses off at a random point by resetting the connection.</summary>
    DropConnections,
}
