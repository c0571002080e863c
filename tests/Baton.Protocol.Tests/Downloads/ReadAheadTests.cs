using Baton.Protocol.Downloads;
using Baton.Protocol.Preconditions;

namespace Baton.Protocol.Tests.Downloads;

public sealed class ReadAheadTests
{
    [Theory]
    [InlineData("GET", null, 0L, null)]
    [InlineData("GET", "bytes=0-1048575", 0L, 1048576L)]
    [InlineData("GET", "bytes=500-", 500L, null)]
    [InlineData("GET", "BYTES = 10-19", 10L, 10L)]
    [InlineData("GET", "bytes=10-19,", 10L, 10L)]                   // empty list elements are ignored (§5.6.1)
    [InlineData("GET", "bytes=10-99999999999999999999", 10L, null)] // a saturated last-pos means "to the end"
    [InlineData("GET", "items=0-5", 0L, null)]                      // an unknown unit is ignored: the whole representation
    [InlineData("GET", "bytes=x-y", 0L, null)]                      // invalid syntax is ignored too (§14.2)
    public void A_get_reads_ahead_what_it_will_probably_send(string method, string? range, long offset, long? length) =>
        Assert.Equal(new ReadAhead(offset, length), ReadAhead.For(method, range, default));

    [Theory]
    [InlineData("HEAD", null)]
    [InlineData("GET", "bytes=-500")]          // a suffix needs the length
    [InlineData("GET", "bytes=0-1,5-9")]       // several ranges: several reads
    [InlineData("GET", "bytes=99999999999999999999-")] // unsatisfiable whatever the length
    public void Nothing_is_read_ahead_when_the_bytes_are_not_known_yet(string method, string? range) =>
        Assert.Null(ReadAhead.For(method, range, default));

    [Fact]
    public void A_validator_the_client_holds_or_a_precondition_stops_it_but_if_range_does_not()
    {
        Assert.Null(ReadAhead.For("GET", null, new ConditionalHeaders(IfNoneMatch: "\"a\"")));
        Assert.Null(ReadAhead.For("GET", null, new ConditionalHeaders(IfModifiedSince: "Tue, 01 Dec 2026 00:00:00 GMT")));
        Assert.Null(ReadAhead.For("GET", null, new ConditionalHeaders(IfMatch: "\"a\"")));
        Assert.Null(ReadAhead.For("GET", null, new ConditionalHeaders(IfUnmodifiedSince: "Tue, 01 Dec 2026 00:00:00 GMT")));
        Assert.Equal(new ReadAhead(7, null), ReadAhead.For("GET", "bytes=7-", new ConditionalHeaders(IfRange: "\"a\"")));
    }
}
