using Baton.Protocol.Archives;

namespace Baton.Protocol.Tests.Archives;

/// <summary>The fixed time choices: MS-DOS date/time in UTC, even seconds, clamped (APPNOTE §4.4.6); Unix seconds clamped to 32 bits.</summary>
public sealed class ZipTimestampTests
{
    [Theory]
    [InlineData("2024-05-06T07:08:10Z", 7, 8, 10, 2024, 5, 6)]
    [InlineData("2024-05-06T07:08:11Z", 7, 8, 10, 2024, 5, 6)]          // odd seconds floor to even
    [InlineData("2024-05-06T09:08:11+02:00", 7, 8, 10, 2024, 5, 6)]     // any offset: UTC, not the host's zone
    [InlineData("2024-12-31T23:59:59.999Z", 23, 59, 58, 2024, 12, 31)]
    [InlineData("1979-12-31T23:59:59Z", 0, 0, 0, 1980, 1, 1)]           // before the DOS epoch: clamped
    [InlineData("1970-01-01T00:00:00Z", 0, 0, 0, 1980, 1, 1)]
    [InlineData("2108-01-01T00:00:00Z", 23, 59, 58, 2107, 12, 31)]      // after its end: clamped
    public void Dos_time_is_utc_even_seconds_clamped(string value, int hour, int minute, int second, int year, int month, int day)
    {
        var (time, date) = ZipTimestamp.ToDos(DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((hour << 11) | (minute << 5) | (second / 2), time);
        Assert.Equal(((year - 1980) << 9) | (month << 5) | day, date);
    }

    [Theory]
    [InlineData("2024-05-06T07:08:11.9Z", 1714979291)]
    [InlineData("1970-01-01T00:00:00Z", 0)]
    [InlineData("1969-12-31T23:59:59Z", -1)]                            // signed, as Info-ZIP's extrafld.txt says
    [InlineData("2038-01-19T03:14:07Z", int.MaxValue)]
    [InlineData("2040-01-01T00:00:00Z", int.MaxValue)]                  // beyond 32 bits: clamped
    [InlineData("1900-01-01T00:00:00Z", int.MinValue)]
    public void Unix_time_is_whole_signed_32_bit_seconds(string value, int expected)
    {
        Assert.Equal(expected, ZipTimestamp.ToUnixSeconds(DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
