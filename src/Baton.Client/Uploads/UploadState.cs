namespace Baton.Client.Uploads;

/// <summary>The saved state of one resumable upload: which file, to which server, and the upload URL of each part.</summary>
public sealed record UploadState
{
    public required string Endpoint { get; init; }
    public required string FilePath { get; init; }
    public required long Size { get; init; }
    public required DateTimeOffset Modified { get; init; }
    public required IReadOnlyList<UploadPart> Parts { get; init; }
    /// <summary>The final upload of a concatenation, once created.</summary>
    public string? Final { get; init; }
}
