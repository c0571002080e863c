using Baton.Protocol.Preconditions;
using Baton.Protocol.Ranges;

namespace Baton.Protocol.Downloads;

/// <summary>
/// The bytes a download will most likely send, known before the representation's length is: for a backend where asking for the
/// metadata and then the bytes costs two round trips (S3: HeadObject, then GetObject), the open can fetch both at once. Only a
/// guess — the planner still decides on the version that comes back, and a guess that turns out unused costs one discarded read.
/// </summary>
/// <param name="Offset">The first byte.</param>
/// <param name="Length">How many bytes, or null for "to the end".</param>
public readonly record struct ReadAhead(long Offset, long? Length)
{
    /// <summary>
    /// The read-ahead for a request, or null when none is worth starting: not a GET (HEAD reads nothing); a validator the client
    /// already holds (If-None-Match, If-Modified-Since: likely a 304) or an If-Match/If-Unmodified-Since (possibly a 412); several
    /// ranges or a suffix range (which needs the length); an unparsable Range is ignored by the planner (§14.2), so the whole
    /// representation is the guess. If-Range does not stop it: when it matches, the range is sent.
    /// </summary>
    public static ReadAhead? For(string method, string? range, ConditionalHeaders conditions)
    {
        if (!string.Equals(method, "GET", StringComparison.Ordinal)
            || conditions.IfNoneMatch is not null || conditions.IfModifiedSince is not null
            || conditions.IfMatch is not null || conditions.IfUnmodifiedSince is not null)
        {
            return null;
        }
        if (range is null)
        {
            return new ReadAhead(0, null);
        }
        Span<RangeSpec> specs = stackalloc RangeSpec[2];
        return RangeHeader.Parse(range, specs, out var count) switch
        {
            RangeHeaderStatus.Ignored or RangeHeaderStatus.Invalid => new ReadAhead(0, null),
            RangeHeaderStatus.Valid when count == 1 && !specs[0].IsSuffix && specs[0].First < long.MaxValue => new ReadAhead(
                specs[0].First,
                specs[0].Last is long last && last < long.MaxValue ? Math.Max(0, last - specs[0].First + 1) : null),
            _ => null,
        };
    }
}
