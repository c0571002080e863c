namespace Baton.Client.Downloads;

/// <summary>
/// The control file's content: what was being downloaded (the URL asked for and where it led), the validators that identify the
/// representation the partial bytes belong to, and which bytes of the <c>.part</c> file are on disk.
/// </summary>
public sealed record DownloadState
{
    public const int CurrentVersion = 1;

    public int Version { get; init; } = CurrentVersion;
    public required string Url { get; init; }
    public required string FinalUrl { get; init; }
    public string? ETag { get; init; }
    public DateTimeOffset? LastModified { get; init; }
    public required long Length { get; init; }
    /// <summary>The server's Repr-Digest field, kept so a resumed download verifies against the same digest.</summary>
    public string? ReprDigest { get; init; }
    public required IReadOnlyList<SegmentState> Segments { get; init; }
}
