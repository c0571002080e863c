using Baton.Protocol.Ranges;

namespace Baton.Protocol.Tests.Ranges;

/// <summary>RFC 9110 §14.1.1 (satisfiable ranges), §14.2 (coalescing), §15.3.7.2 (part order), §15.5.17 (rejecting abusive sets).</summary>
public class RangeResolverTests
{
    private static (RangeResolution Result, string Ranges) Resolve(string header, long length)
    {
        var specs = new RangeSpec[64];
        Assert.Equal(RangeHeaderStatus.Valid, RangeHeader.Parse(header, specs, out var count));
        var output = new ByteRange[count];
        var result = RangeResolver.Resolve(specs.AsSpan(0, count), length, output, out var resolved);
        return (result, string.Join(",", output[..resolved].Select(r => r.ToString())));
    }

    [Theory]
    // §14.1.1 examples on a 10000-byte representation
    [InlineData("bytes=0-499", 10000, "0-499")]
    [InlineData("bytes=500-999", 10000, "500-999")]
    [InlineData("bytes=-500", 10000, "9500-9999")]
    [InlineData("bytes=9500-", 10000, "9500-9999")]
    [InlineData("bytes=0-0,-1", 10000, "0-0,9999-9999")]
    // last-pos past the end is clamped to length-1 (§14.1.1)
    [InlineData("bytes=0-99999", 10000, "0-9999")]
    [InlineData("bytes=0-9223372036854775807", 10, "0-9")]
    // a suffix longer than the representation selects all of it (§14.1.1)
    [InlineData("bytes=-20000", 10000, "0-9999")]
    // unsatisfiable members are dropped when another is satisfiable (§14.1.1 "range-set is satisfiable if …at least one")
    [InlineData("bytes=20000-,0-1", 10000, "0-1")]
    [InlineData("bytes=-0,5-6", 10000, "5-6")]
    // coalescing keeps the position of the earliest member (§15.3.7.2 order, §14.2 MAY coalesce)
    [InlineData("bytes=500-600,0-100,601-700", 10000, "500-700,0-100")]
    [InlineData("bytes=10-20,0-9", 10000, "0-20")] // 0-9 touches 10-20: one part, in the position of 10-20
    public void Satisfiable_sets_resolve(string header, long length, string expected)
    {
        var (result, ranges) = Resolve(header, length);
        Assert.Equal(RangeResolution.Satisfiable, result);
        Assert.Equal(expected, ranges);
    }

    [Theory]
    [InlineData("bytes=0-4,5-9", 100, "0-9")]         // adjacent
    [InlineData("bytes=0-4,3-9", 100, "0-9")]         // overlapping
    [InlineData("bytes=50-59,0-4,5-49", 100, "0-59")] // chain: 5-49 joins 50-59, which then reaches 0-4
    [InlineData("bytes=0-0,2-2,1-1", 100, "0-2")]      // a later range bridges two earlier ones
    [InlineData("bytes=90-99,0-9", 100, "90-99,0-9")]  // disjoint: request order kept, not sorted
    public void Overlapping_or_adjacent_ranges_coalesce(string header, long length, string expected)
    {
        var (result, ranges) = Resolve(header, length);
        Assert.Equal(RangeResolution.Satisfiable, result);
        Assert.Equal(expected, ranges);
    }

    [Theory]
    // §14.1.1: first-pos ≥ length and zero suffixes are unsatisfiable → 416
    [InlineData("bytes=100-", 100)]
    [InlineData("bytes=100-200", 100)]
    [InlineData("bytes=-0", 100)]
    [InlineData("bytes=9223372036854775807-", 100)]
    [InlineData("bytes=0-", 0)]
    [InlineData("bytes=-1", 0)]
    public void Unsatisfiable_sets_are_reported(string header, long length) =>
        Assert.Equal(RangeResolution.NotSatisfiable, Resolve(header, length).Result);

    [Theory]
    // §15.5.17 / CVE-2011-3192: overlapping ranges asking for more than the whole representation are refused
    [InlineData("bytes=0-,0-", 100)]
    [InlineData("bytes=0-99,1-99", 100)]
    [InlineData("bytes=-100,0-", 100)]
    [InlineData("bytes=0-60,40-99", 100)]
    public void Overlapping_sets_larger_than_the_representation_are_rejected(string header, long length) =>
        Assert.Equal(RangeResolution.Rejected, Resolve(header, length).Result);

    [Fact]
    public void A_single_range_covering_everything_is_not_rejected() =>
        Assert.Equal((RangeResolution.Satisfiable, "0-99"), Resolve("bytes=0-", 100));
}
