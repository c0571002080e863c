namespace Baton.Client.Transfers;

/// <summary>A snapshot of one transfer, reported through <see cref="IProgress{T}"/> at most a few times a second.</summary>
/// <param name="Name">The local file name being written (download) or read (upload).</param>
/// <param name="BytesDone">Bytes safely received (download) or acknowledged by the server (upload).</param>
/// <param name="TotalBytes">The full length when known.</param>
/// <param name="BytesPerSecond">Recent throughput, smoothed.</param>
/// <param name="Connections">Connections currently moving bytes.</param>
/// <param name="Phase">What the transfer is doing now.</param>
public sealed record TransferProgress(
    string Name,
    long BytesDone,
    long? TotalBytes,
    double BytesPerSecond,
    int Connections,
    TransferPhase Phase)
{
    /// <summary>Estimated time left, when the total and a speed are known.</summary>
    public TimeSpan? Remaining => TotalBytes is { } total && BytesPerSecond > 1
        ? TimeSpan.FromSeconds(Math.Max(0, total - BytesDone) / BytesPerSecond)
        : null;

    /// <summary>Fraction done in 0…1, when the total is known.</summary>
    public double? Fraction => TotalBytes is > 0 and var total ? (double)BytesDone / total : null;
}
