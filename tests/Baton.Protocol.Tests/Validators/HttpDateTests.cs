using Baton.Protocol.Validators;

namespace Baton.Protocol.Tests.Validators;

/// <summary>HTTP-date, RFC 9110 §5.6.7.</summary>
public sealed class HttpDateTests
{
    private static readonly DateTimeOffset Example = new(1994, 11, 6, 8, 49, 37, TimeSpan.Zero);

    [Theory]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT")]     // §5.6.7 IMF-fixdate
    [InlineData("Sunday, 06-Nov-94 08:49:37 GMT")]    // §5.6.7 obsolete RFC 850 format
    [InlineData("Sun Nov  6 08:49:37 1994")]          // §5.6.7 ANSI C asctime() format
    [InlineData("  Sun, 06 Nov 1994 08:49:37 GMT\t")] // surrounding OWS is not part of the field value
    public void Parses_the_three_formats_of_the_rfc_example(string value)
    {
        Assert.True(HttpDate.TryParse(value, out var date), value);
        Assert.Equal(Example, date);
        Assert.Equal(TimeSpan.Zero, date.Offset);
    }

    [Theory]
    [InlineData("Thu, 01 Jan 1970 00:00:00 GMT", 1970, 1, 1, 0, 0, 0)]
    [InlineData("Fri, 31 Dec 9999 23:59:59 GMT", 9999, 12, 31, 23, 59, 59)]
    [InlineData("Thu, 29 Feb 2024 12:00:00 GMT", 2024, 2, 29, 12, 0, 0)]    // leap day
    [InlineData("Wed, 09 Jun 2021 10:18:14 GMT", 2021, 6, 9, 10, 18, 14)]
    [InlineData("Wednesday, 09-Jun-21 10:18:14 GMT", 2021, 6, 9, 10, 18, 14)]
    [InlineData("Wed Jun  9 10:18:14 2021", 2021, 6, 9, 10, 18, 14)]
    [InlineData("Tue Nov 24 22:09:30 2026", 2026, 11, 24, 22, 9, 30)]        // asctime with a two-digit day
    [InlineData("Tuesday, 01-Jun-99 00:00:00 GMT", 1999, 6, 1, 0, 0, 0)]     // rfc850 two-digit year read as the past
    [InlineData("Saturday, 01-Jun-30 00:00:00 GMT", 2030, 6, 1, 0, 0, 0)]    // and as the near future
    public void Parses_exact_instant(string value, int y, int mo, int d, int h, int mi, int s)
    {
        Assert.True(HttpDate.TryParse(value, out var date), value);
        Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero), date);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("1994-11-06T08:49:37Z")]                 // ISO 8601 is not an HTTP-date
    [InlineData("Sun, 06 Nov 1994 08:49:37")]            // GMT is required
    [InlineData("Sun, 06 Nov 1994 08:49:37 UTC")]        // only the literal GMT
    [InlineData("Sun, 06 Nov 1994 08:49:37 +0000")]
    [InlineData("Sun, 06 Nov 1994 08:49 GMT")]           // seconds are required
    [InlineData("Sun, 31 Nov 1994 08:49:37 GMT")]        // no 31st of November
    [InlineData("Tue, 29 Feb 2022 08:49:37 GMT")]        // 2022 is not a leap year
    [InlineData("Sun, 06 Foo 1994 08:49:37 GMT")]        // unknown month
    [InlineData("Sun, 06 Nov 1994 24:00:00 GMT")]        // hour 24
    [InlineData("Sun, 06 Nov 1994 08:60:37 GMT")]
    [InlineData("Sun, 06 Nov 1994 08:49:61 GMT")]
    [InlineData("Xyz, 06 Nov 1994 08:49:37 GMT")]        // unknown day-name
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT junk")]
    [InlineData("1700000000")]                           // a Unix timestamp
    [InlineData("Sun, 6 Nov 1994 08:49:37 GMT")]         // IMF-fixdate day is 2DIGIT
    [InlineData("Sun, 06 Nov 94 08:49:37 GMT")]          // IMF-fixdate year is 4DIGIT
    [InlineData("Sun, 06 Nov 1994 8:49:37 GMT")]         // hour is 2DIGIT
    [InlineData("Sun, 06 Nov 1994 08:49:37 gmt")]        // %s"GMT" is case-sensitive
    [InlineData("Mon, 06 Nov 1994 08:49:37 GMT")]        // day-name contradicts the date: not a valid HTTP-date (the field is then ignored, §13.1.3)
    public void Rejects_invalid_date(string value)
    {
        Assert.False(HttpDate.TryParse(value, out _), value);
    }

    [Theory]
    [InlineData(1994, 11, 6, 8, 49, 37, 0, "Sun, 06 Nov 1994 08:49:37 GMT")]
    [InlineData(1994, 11, 6, 8, 49, 37, 999, "Sun, 06 Nov 1994 08:49:37 GMT")]   // sub-second part truncated, never rounded
    [InlineData(2026, 1, 1, 0, 0, 0, 1, "Thu, 01 Jan 2026 00:00:00 GMT")]
    [InlineData(2024, 2, 29, 23, 59, 59, 500, "Thu, 29 Feb 2024 23:59:59 GMT")]
    public void Formats_imf_fixdate(int y, int mo, int d, int h, int mi, int s, int ms, string expected)
    {
        Assert.Equal(expected, HttpDate.Format(new DateTimeOffset(y, mo, d, h, mi, s, ms, TimeSpan.Zero)));
    }

    [Fact]
    public void Formats_in_gmt_whatever_the_offset()
    {
        var local = new DateTimeOffset(1994, 11, 6, 10, 49, 37, TimeSpan.FromHours(2));
        Assert.Equal("Sun, 06 Nov 1994 08:49:37 GMT", HttpDate.Format(local));
    }

    [Fact]
    public void Truncate_drops_ticks_below_a_second()
    {
        var value = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.FromHours(-5)).AddTicks(9_999_999);
        var truncated = HttpDate.Truncate(value);
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 10, 6, 7, TimeSpan.Zero), truncated);
        Assert.Equal(TimeSpan.Zero, truncated.Offset);
    }

    [Fact]
    public void Format_then_parse_round_trips_to_the_truncated_instant()
    {
        var value = new DateTimeOffset(2031, 7, 15, 13, 14, 15, 678, TimeSpan.Zero);
        Assert.True(HttpDate.TryParse(HttpDate.Format(value), out var parsed));
        Assert.Equal(HttpDate.Truncate(value), parsed);
    }
}
