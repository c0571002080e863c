using Baton.Protocol.Downloads;
using Baton.Protocol.Preconditions;
using Baton.Protocol.Problems;
using Baton.Protocol.Ranges;
using Baton.Protocol.Validators;
using Baton.Server.Problems;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Downloads;

/// <summary>
/// The part of a download response every representation (a file, a folder's archive) shares once
/// <see cref="DownloadPlanner"/> has decided: the validators and cache policy, and the outcomes that carry no body
/// (304, 412, 416). One place, so files and archives cannot drift apart on RFC 9110's rules.
/// </summary>
internal static class DecisionPreamble
{
    /// <summary>Writes the validators and answers a bodiless outcome; true when the response is finished.</summary>
    /// <param name="noun">What the representation is, for problem details ("file", "archive").</param>
    /// <param name="rangeRejected">The problem detail for a range set refused as a whole.</param>
    public static async Task<bool> AnswerAsync(HttpContext context, DownloadDecision decision, EntityTag etag,
        DateTimeOffset lastModified, long length, string noun, string rangeRejected)
    {
        // Validators and cache policy go on every outcome that describes the representation (RFC 9110 §15.3.7: a 206 repeats
        // what a 200 would carry; §15.4.5: so does a 304).
        var response = context.Response;
        var headers = response.Headers;
        headers.ETag = etag.ToString();
        headers.CacheControl = "no-cache";
        headers.AcceptRanges = "bytes";
        if (decision.Outcome == DownloadOutcome.NotModified)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return true;
        }
        headers.LastModified = HttpDate.Format(lastModified);
        switch (decision.Outcome)
        {
            case DownloadOutcome.PreconditionFailed:
                await ProblemResponder.WriteAsync(context, ProtocolErrors.PreconditionFailed);
                return true;
            case DownloadOutcome.RangeNotSatisfiable or DownloadOutcome.RangeRejected:
                // RFC 9110 §15.5.17: a 416 names the current length.
                headers.ContentRange = ContentRange.Unsatisfied(length).ToString();
                await ProblemResponder.WriteAsync(context, decision.Outcome == DownloadOutcome.RangeRejected
                    ? ProtocolErrors.RangeSetRejected.WithDetail(rangeRejected)
                    : ProtocolErrors.RangeNotSatisfiable.WithDetail($"The {noun} is {length} bytes long."));
                return true;
            default:
                return false;
        }
    }
}
