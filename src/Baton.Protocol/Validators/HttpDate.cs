using System.Globalization;

namespace Baton.Protocol.Validators;

/// <summary>
/// HTTP-date (RFC 9110 §5.6.7): generates IMF-fixdate, accepts IMF-fixdate and the two obsolete formats (rfc850-date, asctime-date).
/// Values have whole-second precision.
/// </summary>
public static class HttpDate
{
    private static readonly string[] Formats =
    [
        "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",   // IMF-fixdate
        "dddd, dd-MMM-yy HH':'mm':'ss 'GMT'",    // obsolete RFC 850
        "ddd MMM d HH':'mm':'ss yyyy",           // obsolete asctime (day padded with a space)
        "ddd MMM  d HH':'mm':'ss yyyy",
        "ddd MMM dd HH':'mm':'ss yyyy",
    ];

    public static string Format(DateTimeOffset value) =>
        Truncate(value).UtcDateTime.ToString("r", CultureInfo.InvariantCulture);

    public static bool TryParse(ReadOnlySpan<char> value, out DateTimeOffset date)
    {
        value = value.Trim(" \t");
        if (DateTime.TryParseExact(value, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowInnerWhite, out var parsed))
        {
            date = new DateTimeOffset(parsed, TimeSpan.Zero);
            return true;
        }
        date = default;
        return false;
    }

    /// <summary>Drops the sub-second part, which an HTTP-date cannot carry.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
