using System.Text.Json.Serialization;

namespace Baton.Server.Files;

/// <summary>One entry of a Files API listing (docs/files-api.md).</summary>
public sealed record FileEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("modified")] DateTimeOffset Modified,
    [property: JsonPropertyName("etag")] string? ETag,
    [property: JsonPropertyName("sha256")] string? Sha256,
    [property: JsonPropertyName("url")] string Url)
{
    public const string FileType = "file";
    public const string DirectoryType = "directory";
}

/// <summary>A Files API listing.</summary>
public sealed record FileListing(
    [property: JsonPropertyName("path")] string Path,
    [property: JsonPropertyName("entries")] IReadOnlyList<FileEntry> Entries);

[JsonSerializable(typeof(FileListing))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
internal sealed partial class FilesJsonContext : JsonSerializerContext;
