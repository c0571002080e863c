using System.Buffers;
using Baton.Protocol.Preconditions;
using Baton.Protocol.Ranges;

namespace Baton.Protocol.Downloads;

/// <summary>
/// Decides the status and ranges of a GET or HEAD of a representation, in pure code, before any byte is read:
/// preconditions first in RFC 9110 §13.2.2 order (so 412/304 win over 416), then Range (§14.2) for GET only.
/// </summary>
public static class DownloadPlanner
{
    private const int StackLimit = 128;

    /// <param name="method">GET or HEAD (Range is honoured for GET only, §14.2).</param>
    /// <param name="range">The Range header value, or null.</param>
    /// <param name="conditions">The conditional header values.</param>
    /// <param name="validators">The representation's ETag and Last-Modified.</param>
    /// <param name="length">The representation's length in bytes.</param>
    /// <param name="maxRanges">Most range-specs accepted; more → 416 (§15.5.17).</param>
    public static DownloadDecision Decide(string method, string? range, ConditionalHeaders conditions,
        RepresentationValidators validators, long length, int maxRanges)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRanges, 1);
        RangeSpec[]? rented = null;
        // Most requests carry no Range: don't pay for clearing a spec buffer then.
        var specs = range is null ? default
            : maxRanges <= StackLimit ? stackalloc RangeSpec[maxRanges]
            : (rented = ArrayPool<RangeSpec>.Shared.Rent(maxRanges)).AsSpan(0, maxRanges);
        try
        {
            var count = 0;
            var status = range is null ? RangeHeaderStatus.Ignored : RangeHeader.Parse(range, specs, out count);
            // An empty representation has no satisfiable byte range; like Go's net/http, answer 200 rather than 416 so clients
            // that always send Range (e.g. `curl -C -` on a finished file) still get the (empty) file.
            var isRangeRequest = status is RangeHeaderStatus.Valid or RangeHeaderStatus.TooManyRanges && length > 0;

            var preconditions = PreconditionEvaluator.Evaluate(method, conditions, validators, isRangeRequest);
            switch (preconditions.Outcome)
            {
                case PreconditionOutcome.NotModified:
                    return DownloadDecision.Of(DownloadOutcome.NotModified);
                case PreconditionOutcome.PreconditionFailed:
                    return DownloadDecision.Of(DownloadOutcome.PreconditionFailed);
            }
            if (!preconditions.RangeApplies)
            {
                return DownloadDecision.Of(DownloadOutcome.Full);
            }
            if (status == RangeHeaderStatus.TooManyRanges)
            {
                return DownloadDecision.Of(DownloadOutcome.RangeRejected);
            }
            return Resolve(specs[..count], length);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<RangeSpec>.Shared.Return(rented);
            }
        }
    }

    private static DownloadDecision Resolve(ReadOnlySpan<RangeSpec> specs, long length)
    {
        ByteRange[]? rented = null;
        var output = specs.Length <= StackLimit
            ? stackalloc ByteRange[specs.Length]
            : (rented = ArrayPool<ByteRange>.Shared.Rent(specs.Length)).AsSpan(0, specs.Length);
        try
        {
            return RangeResolver.Resolve(specs, length, output, out var count) switch
            {
                RangeResolution.NotSatisfiable => DownloadDecision.Of(DownloadOutcome.RangeNotSatisfiable),
                RangeResolution.Rejected => DownloadDecision.Of(DownloadOutcome.RangeRejected),
                _ when count == 1 => DownloadDecision.Single(output[0]),
                _ => DownloadDecision.Multi(output[..count].ToArray()),
            };
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<ByteRange>.Shared.Return(rented);
            }
        }
    }
}
