using Baton.Server.Uploads;

namespace Baton.Server.Page;

/// <summary>
/// What the browser page needs to know before it uploads (<c>GET /api/config</c>): where tus lives, the chunk size and
/// parallelism to use, and the restrictions to show and check up front (the server enforces them again at creation).
/// </summary>
/// <param name="UploadEndpoint">Absolute path of the tus creation endpoint.</param>
/// <param name="ChunkSize">Bytes per PATCH request.</param>
/// <param name="ParallelUploads">Connections per upload (tus concatenation when above 1).</param>
/// <param name="MaxSize">Largest accepted upload in bytes; null when unlimited.</param>
/// <param name="AllowedExtensions">Accepted file name extensions (e.g. <c>.jpg</c>); empty accepts all.</param>
/// <param name="AllowedMediaTypes">Accepted media types (e.g. <c>image/*</c>); empty accepts all.</param>
/// <param name="Auth">How requests are authorized: <c>none</c> (open mode) or <c>bearer</c> (tokens exist; see docs/security.md).</param>
public sealed record PageConfig(
    string UploadEndpoint,
    int ChunkSize,
    int ParallelUploads,
    long? MaxSize,
    IReadOnlyList<string> AllowedExtensions,
    IReadOnlyList<string> AllowedMediaTypes,
    string Auth)
{
    /// <summary>Open mode: no token exists, nothing asks for one.</summary>
    public const string NoAuth = "none";

    /// <summary>Tokens exist: the page asks for one up front, sends it as <c>Authorization: Bearer</c>, downloads through signed links.</summary>
    public const string BearerAuth = "bearer";

    public static PageConfig From(UploadOptions uploads, string uploadEndpoint, bool tokensRequired) => new(
        uploadEndpoint,
        uploads.SuggestedChunkSize,
        uploads.SuggestedParallelUploads,
        uploads.MaxSize > 0 ? uploads.MaxSize : null,
        uploads.AllowedExtensions,
        uploads.AllowedMediaTypes,
        tokensRequired ? BearerAuth : NoAuth);
}
