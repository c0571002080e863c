using Baton.Protocol.Validators;

namespace Baton.Protocol.Preconditions;

/// <summary>
/// Evaluates conditional requests in the order of RFC 9110 §13.2.2:
/// If-Match → If-Unmodified-Since → If-None-Match → If-Modified-Since → If-Range.
/// Dates compare at whole-second precision, as HTTP-dates carry (§5.6.7).
/// </summary>
public static class PreconditionEvaluator
{
    /// <param name="method">The request method; If-Modified-Since and 304 apply only to GET and HEAD, If-Range only to GET.</param>
    /// <param name="hasRange">Whether the request has a Range header that Baton would honour.</param>
    public static PreconditionResult Evaluate(string method, ConditionalHeaders headers, RepresentationValidators current, bool hasRange)
    {
        var getOrHead = IsGetOrHead(method);

        // Step 1: If-Match (§13.1.1); when false → 412.
        if (headers.IfMatch is not null)
        {
            if (!IfMatch(headers.IfMatch, current))
            {
                return new(PreconditionOutcome.PreconditionFailed, false);
            }
        }
        // Step 2: If-Unmodified-Since only without If-Match (§13.1.4); an invalid date is ignored.
        else if (headers.IfUnmodifiedSince is not null && current.LastModified is { } lm
                 && HttpDate.TryParse(headers.IfUnmodifiedSince, out var unmodifiedSince)
                 && HttpDate.Truncate(lm) > unmodifiedSince)
        {
            return new(PreconditionOutcome.PreconditionFailed, false);
        }

        // Step 3: If-None-Match (§13.1.2); when false → 304 for GET/HEAD, else 412.
        if (headers.IfNoneMatch is not null)
        {
            if (!IfNoneMatch(headers.IfNoneMatch, current))
            {
                return new(getOrHead ? PreconditionOutcome.NotModified : PreconditionOutcome.PreconditionFailed, false);
            }
        }
        // Step 4: If-Modified-Since only for GET/HEAD and only without If-None-Match (§13.1.3); invalid dates are ignored.
        else if (getOrHead && headers.IfModifiedSince is not null && current.LastModified is { } modified
                 && HttpDate.TryParse(headers.IfModifiedSince, out var since)
                 && HttpDate.Truncate(modified) <= since)
        {
            return new(PreconditionOutcome.NotModified, false);
        }

        // Step 5: If-Range only for GET with a Range (§13.1.5); when false the Range is ignored, not the request.
        var rangeApplies = hasRange && HttpMethodIs(method, "GET");
        if (rangeApplies && headers.IfRange is not null)
        {
            rangeApplies = IfRange(headers.IfRange, current);
        }
        return new(PreconditionOutcome.Proceed, rangeApplies);
    }

    /// <summary>§13.1.1: "*" is true when a representation exists; a list is true if any member matches by strong comparison.
    /// A value that does not parse cannot match, so the condition is false (safer than ignoring it for a state-changing request).</summary>
    private static bool IfMatch(string value, RepresentationValidators current) =>
        EntityTagList.Matches(value, current.ETag, strong: true, out _);

    /// <summary>§13.1.2: "*" is false when a representation exists; a list is false if any member matches by weak comparison.
    /// An unparseable value is ignored (the condition is true), which at worst sends a full response.</summary>
    private static bool IfNoneMatch(string value, RepresentationValidators current)
    {
        var matched = EntityTagList.Matches(value, current.ETag, strong: false, out var valid);
        return !valid || !matched;
    }

    /// <summary>§13.1.5: an entity-tag must match strongly (a weak tag never does); an HTTP-date must equal Last-Modified exactly.
    /// Anything else — including an unparseable value — is false, so the full representation is sent rather than a splice.</summary>
    private static bool IfRange(string value, RepresentationValidators current)
    {
        var trimmed = value.AsSpan().Trim(" \t");
        if (trimmed.StartsWith("\"") || trimmed.StartsWith("W/"))
        {
            // §8.8.3.2 strong comparison, on spans: no allocation on the resume path
            return EntityTag.Scan(trimmed, out var opaque, out var weak) == trimmed.Length && !weak
                   && current.ETag is { IsWeak: false } etag && opaque.SequenceEqual(etag.Opaque);
        }
        // A date is only a usable validator when the representation's validators are strong (§8.8.2.2).
        return HttpDate.TryParse(trimmed, out var date) && current.LastModified is { } lm && HttpDate.Truncate(lm) == date
               && current.ETag is not { IsWeak: true };
    }

    private static bool IsGetOrHead(string method) => HttpMethodIs(method, "GET") || HttpMethodIs(method, "HEAD");

    private static bool HttpMethodIs(string method, string expected) => string.Equals(method, expected, StringComparison.Ordinal); // §9.1: methods are case-sensitive
}
