using System.Net.Http.Headers;
using Baton.Protocol.Validators;

namespace Baton.Client.Downloads;

/// <summary>What a probe learned about the representation at a URL.</summary>
/// <param name="FinalUrl">Where the request ended after redirects; segments are fetched from here.</param>
/// <param name="Length">The complete length, when the server said it.</param>
/// <param name="AcceptsRanges">The server answered a range request with 206.</param>
public sealed record RemoteResource(
    Uri FinalUrl,
    long? Length,
    bool AcceptsRanges,
    EntityTag? ETag,
    DateTimeOffset? LastModified,
    string? ReprDigest,
    ContentDispositionHeaderValue? Disposition,
    DateTimeOffset? Date = null)
{
    /// <summary>
    /// The If-Range value (RFC 9110 §13.1.5): the strong entity tag; else, only when there is no entity tag at all, a Last-Modified
    /// that is a strong validator (§8.8.2.2: at least a second before the response's Date). Null otherwise — e.g. a weak tag for a
    /// file still being written — and then a range request cannot be made safe, so only a single full response is.
    /// </summary>
    public string? IfRange => ETag is { IsWeak: false } tag ? tag.ToString()
        : ETag is null && LastModified is { } modified && Date is { } date && date - modified >= TimeSpan.FromSeconds(1) ? HttpDate.Format(modified)
        : null;

    /// <summary>Whether the saved partial download belongs to this exact representation: same length and the same strong validator.</summary>
    public bool Matches(DownloadState state)
    {
        if (Length != state.Length)
        {
            return false;
        }
        if (ETag is { IsWeak: false } tag)
        {
            return state.ETag is not null && EntityTag.TryParse(state.ETag, out var saved) && tag.StrongEquals(saved);
        }
        return state.ETag is null && LastModified is { } date && state.LastModified == date;
    }
}
