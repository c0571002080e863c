namespace Baton.Client.Transfers;

/// <summary>The stage a transfer is in, for progress displays.</summary>
public enum TransferPhase
{
    Connecting,
    /// <summary>Reading the local file to compute its digest before anything is sent (an upload that may need no bytes).</summary>
    Hashing,
    Transferring,
    Verifying,
    Completed,
}
