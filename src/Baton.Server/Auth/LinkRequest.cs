using System.Text.Json.Serialization;

namespace Baton.Server.Auth;

/// <summary>Body of <c>POST /api/links</c>: a download link for <see cref="Path"/>, or (with <see cref="Upload"/>) a link that lets
/// a caller without a token create one upload of at most <see cref="MaxBytes"/>.</summary>
public sealed record LinkRequest(
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("expiresInSeconds")] long ExpiresInSeconds = 3600,
    [property: JsonPropertyName("upload")] bool Upload = false,
    [property: JsonPropertyName("maxBytes")] long? MaxBytes = null);

/// <summary>Answer of <c>POST /api/links</c>.</summary>
public sealed record LinkResponse(
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("expires")] DateTimeOffset Expires);

[JsonSerializable(typeof(LinkRequest))]
[JsonSerializable(typeof(LinkResponse))]
internal sealed partial class LinkJsonContext : JsonSerializerContext;
