namespace Baton.Client.Uploads;

/// <summary>The answer to a digest-first creation (docs/uploads.md §Instant upload).</summary>
/// <param name="Url">The upload resource.</param>
/// <param name="Offset">The server's offset: the full length when it already had the content (nothing to send), else 0.</param>
/// <param name="Challenge">A <c>Baton-Proof-Challenge</c>, when the server asks the caller to prove it holds the bytes.</param>
internal sealed record DigestCreation(Uri Url, long Offset, string? Challenge);
