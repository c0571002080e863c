using Baton.Protocol.Downloads;
using Baton.Protocol.Preconditions;
using Baton.Protocol.Validators;

namespace Baton.Protocol.Tests.Downloads;

/// <summary>The combined decision: RFC 9110 §13.2.2 (preconditions before Range), §14.2, §15.3.7, §15.5.17.</summary>
public class DownloadPlannerTests
{
    private static readonly RepresentationValidators Validators = new(EntityTag.Strong("v1"), new DateTimeOffset(2026, 11, 24, 10, 0, 0, TimeSpan.Zero));

    private static DownloadDecision Decide(string? range, long length = 1000, string method = "GET", ConditionalHeaders conditions = default,
        int maxRanges = 64) => DownloadPlanner.Decide(method, range, conditions, Validators, length, maxRanges);

    [Fact]
    public void No_range_is_a_full_200() => Assert.Equal((DownloadOutcome.Full, 200), (Decide(null).Outcome, Decide(null).StatusCode));

    [Fact]
    public void One_range_is_a_single_part_206()
    {
        var d = Decide("bytes=10-19");
        Assert.Equal((DownloadOutcome.SinglePart, 206, 10L, 19L), (d.Outcome, d.StatusCode, d.Range.First, d.Range.Last));
    }

    [Fact]
    public void Several_disjoint_ranges_are_multipart_in_request_order()
    {
        var d = Decide("bytes=900-909,0-9");
        Assert.Equal(DownloadOutcome.MultiPart, d.Outcome);
        Assert.Equal(["900-909", "0-9"], d.Ranges!.Select(r => r.ToString()));
    }

    [Fact] // coalescing to one range gives a plain 206, not a one-part multipart
    public void Ranges_that_coalesce_into_one_are_a_single_part() => Assert.Equal(DownloadOutcome.SinglePart, Decide("bytes=0-9,10-19").Outcome);

    [Theory]
    [InlineData("bytes=1000-", DownloadOutcome.RangeNotSatisfiable)]
    [InlineData("bytes=0-,0-", DownloadOutcome.RangeRejected)]
    [InlineData("items=0-1", DownloadOutcome.Full)]   // unknown unit ignored (§14.2)
    [InlineData("bytes=5-1", DownloadOutcome.Full)]   // invalid syntax ignored (§14.2 MAY ignore)
    public void Range_outcomes(string range, DownloadOutcome expected) => Assert.Equal(expected, Decide(range).Outcome);

    [Fact] // §15.5.17: too many ranges → 416
    public void Too_many_ranges_are_rejected() =>
        Assert.Equal(DownloadOutcome.RangeRejected, Decide("bytes=0-0,2-2,4-4", maxRanges: 2).Outcome);

    [Fact] // §14.2: Range is only for GET
    public void Head_ignores_range() => Assert.Equal(DownloadOutcome.Full, Decide("bytes=0-1", method: "HEAD").Outcome);

    [Fact] // Go net/http behaviour, documented: an empty file answers 200 to any range rather than 416
    public void Empty_representation_ignores_range() => Assert.Equal(DownloadOutcome.Full, Decide("bytes=0-", length: 0).Outcome);

    [Fact] // §13.2.2: a failed precondition wins over an unsatisfiable range
    public void Precondition_failure_wins_over_416() =>
        Assert.Equal(DownloadOutcome.PreconditionFailed, Decide("bytes=5000-", conditions: new ConditionalHeaders(IfMatch: "\"nope\"")).Outcome);

    [Fact]
    public void Not_modified_wins_over_range() =>
        Assert.Equal(DownloadOutcome.NotModified, Decide("bytes=0-1", conditions: new ConditionalHeaders(IfNoneMatch: "\"v1\"")).Outcome);

    [Fact] // §13.1.5: If-Range false → whole representation, never a range of a different version
    public void Stale_if_range_gives_the_full_representation() =>
        Assert.Equal(DownloadOutcome.Full, Decide("bytes=500-", conditions: new ConditionalHeaders(IfRange: "\"v0\"")).Outcome);

    [Fact]
    public void Large_range_limits_work_beyond_the_stack_buffer()
    {
        var header = "bytes=" + string.Join(",", Enumerable.Range(0, 200).Select(i => $"{i * 3}-{i * 3}"));
        var d = Decide(header, maxRanges: 500);
        Assert.Equal(DownloadOutcome.MultiPart, d.Outcome);
        Assert.Equal(200, d.Ranges!.Length);
    }
}
