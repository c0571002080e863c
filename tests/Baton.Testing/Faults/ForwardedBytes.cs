namespace Baton.Testing.Faults;

/// <summary>Called by <see cref="FaultProxy"/> with bytes it has just delivered (to the server or to the client) on a connection.</summary>
public delegate void ForwardedBytes(int connection, FaultDirection direction, ReadOnlySpan<byte> bytes);
