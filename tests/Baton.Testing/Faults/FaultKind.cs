namespace Baton.Testing.Faults;

/// <summary>What a <see cref="FaultProxy"/> does to one connection once its trigger byte count is reached.</summary>
public enum FaultKind
{
    /// <summary>Forward everything untouched.</summary>
    Pass,

    /// <summary>Close both sides with a FIN, as a peer that goes away cleanly mid-transfer.</summary>
    Cut,

    /// <summary>Abort both sides with an RST (SO_LINGER 0), as a crashed middlebox or a NAT that forgot the flow.</summary>
    Reset,

    /// <summary>Forward nothing in that direction for <see cref="FaultPlan.StallFor"/>, then continue (or cut, see
    /// <see cref="FaultPlan.CutAfterStall"/>).</summary>
    Stall,

    /// <summary>Forward nothing in that direction until the test calls <see cref="FaultProxy.ReleaseHolds"/>: a point at which the
    /// test kills a process, known exactly to the byte.</summary>
    Hold,
}
