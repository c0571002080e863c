namespace Baton.Storage.Telemetry;

/// <summary>The direction of a transfer in <c>baton.transfers.active</c>.</summary>
public enum TransferDirection
{
    Upload,
    Download,
}
