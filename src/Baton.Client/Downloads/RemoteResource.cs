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
    ContentDispositionHeaderValue? Disposition)
{
    /// <summary>
    /// The If-Range value (RFC 9110 §13.1.5): the strong entity tag, else Last-Modified; null when neither can make a range
    /// request conditional (then only a full restart is safe).
    /// </summary>
    public string? IfRange => ETag is { IsWeak: false } tag ? tag.ToString()
        : LastModified is { } date ? HttpDate.Format(date)
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
