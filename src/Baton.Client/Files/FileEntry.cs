namespace Baton.Client.Files;

/// <summary>One entry of a Baton folder listing (docs/files-api.md).</summary>
public sealed record FileEntry(
    string Name,
    string Path,
    string Type,
    long? Size,
    DateTimeOffset? Modified,
    string? ETag,
    string? Sha256,
    string? Url)
{
    public bool IsDirectory => Type == "directory";
}
