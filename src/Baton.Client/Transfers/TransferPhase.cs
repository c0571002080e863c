namespace Baton.Client.Transfers;

/// <summary>The stage a transfer is in, for progress displays.</summary>
public enum TransferPhase
{
    Connecting,
    Transferring,
    Verifying,
    Completed,
}
