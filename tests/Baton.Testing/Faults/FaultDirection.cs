namespace Baton.Testing.Faults;

/// <summary>The direction of a proxied byte stream a <see cref="FaultPlan"/> counts and interrupts.</summary>
public enum FaultDirection
{
    /// <summary>Request bytes: from the client to the server.</summary>
    ToServer,

    /// <summary>Response bytes: from the server to the client.</summary>
    ToClient,
}
