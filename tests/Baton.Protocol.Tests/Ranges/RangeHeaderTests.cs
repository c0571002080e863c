using Baton.Protocol.Ranges;

namespace Baton.Protocol.Tests.Ranges;

/// <summary>RFC 9110 §14.1.1 (range-set syntax), §14.1 (units), §14.2 (Range header handling), §5.6.1 (lists).</summary>
public class RangeHeaderTests
{
    private static (RangeHeaderStatus Status, string Specs) Parse(string header, int max = 64)
    {
        var specs = new RangeSpec[max];
        var status = RangeHeader.Parse(header, specs, out var count);
        return (status, string.Join(",", specs[..count].Select(s => s.ToString())));
    }

    [Theory]
    // §14.1.1 int-range = first-pos "-" [ last-pos ]
    [InlineData("bytes=0-499", "0-499")]
    [InlineData("bytes=500-", "500-")]
    [InlineData("bytes=0-0", "0-0")]
    // §14.1.1 suffix-range = "-" suffix-length
    [InlineData("bytes=-500", "-500")]
    [InlineData("bytes=-0", "-0")]
    // §14.1.1 range-set = 1#range-spec; §5.6.1 OWS around commas, empty elements ignored
    [InlineData("bytes=0-1,3-4", "0-1,3-4")]
    [InlineData("bytes=0-1 , 3-4,\t-2", "0-1,3-4,-2")]
    [InlineData("bytes=,0-1,,", "0-1")]
    // §14.1: range units are case-insensitive
    [InlineData("BYTES=1-2", "1-2")]
    [InlineData("Bytes=1-", "1-")]
    // Overflow-safe: numbers beyond long saturate (a first-pos that large is simply unsatisfiable)
    [InlineData("bytes=99999999999999999999999-", "9223372036854775807-")]
    [InlineData("bytes=0-99999999999999999999999", "0-9223372036854775807")]
    [InlineData("bytes=-99999999999999999999999", "-9223372036854775807")]
    public void Valid_range_sets_parse_in_request_order(string header, string expected)
    {
        var (status, specs) = Parse(header);
        Assert.Equal(RangeHeaderStatus.Valid, status);
        Assert.Equal(expected, specs);
    }

    [Theory]
    // §14.2: a server MUST ignore a Range with a unit it does not understand
    [InlineData("items=0-5")]
    [InlineData("none=1-2")]
    [InlineData("")]
    public void Unknown_units_are_ignored(string header) => Assert.Equal(RangeHeaderStatus.Ignored, Parse(header).Status);

    [Theory]
    // §14.1.1: last-pos < first-pos is invalid; anything not matching the grammar is invalid (and ignored by Baton, §14.2 MAY)
    [InlineData("bytes=5-1")]
    [InlineData("bytes=")]
    [InlineData("bytes=,")]
    [InlineData("bytes=-")]
    [InlineData("bytes=a-b")]
    [InlineData("bytes=1-2-3")]
    [InlineData("bytes=+1-2")]
    [InlineData("bytes=1 -2")]
    [InlineData("bytes=0x10-")]
    [InlineData("bytes 0-1")]
    [InlineData("bytes=--1")]
    [InlineData("bytes=1-2;3-4")]
    [InlineData("by tes=1-2")]
    public void Invalid_syntax_is_reported(string header) => Assert.Equal(RangeHeaderStatus.Invalid, Parse(header).Status);

    [Fact]
    public void More_specs_than_the_limit_are_too_many() // §15.5.17: "excessive number of small or overlapping ranges"
    {
        var header = "bytes=" + string.Join(",", Enumerable.Range(0, 65).Select(i => $"{i * 10}-{i * 10 + 1}"));
        Assert.Equal(RangeHeaderStatus.TooManyRanges, Parse(header, 64).Status);
        Assert.Equal(RangeHeaderStatus.Valid, Parse(header, 65).Status);
    }
}
