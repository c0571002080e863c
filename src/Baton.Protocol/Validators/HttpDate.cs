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
        if (TryParseImfFixdate(value, out date))
        {
            return true;
        }
        if (DateTime.TryParseExact(value, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowInnerWhite, out var parsed))
        {
            date = new DateTimeOffset(parsed, TimeSpan.Zero);
            return true;
        }
        date = default;
        return false;
    }

    private static readonly string[] Days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    /// <summary>
    /// The format every modern sender uses, parsed by hand (<c>Sun, 06 Nov 1994 08:49:37 GMT</c>, exactly 29 characters, §5.6.7):
    /// no allocation and a fraction of the general parser's cost. Anything else falls through to the general parser.
    /// </summary>
    private static bool TryParseImfFixdate(ReadOnlySpan<char> s, out DateTimeOffset date)
    {
        date = default;
        if (s.Length != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' || s[11] != ' ' || s[16] != ' ' || s[19] != ':' || s[22] != ':'
            || !s[25..].SequenceEqual(" GMT"))
        {
            return false;
        }
        var month = -1;
        for (var i = 0; i < Months.Length && month < 0; i++)
        {
            month = s.Slice(8, 3).SequenceEqual(Months[i]) ? i : -1;
        }
        if (month < 0 || !TwoDigits(s, 5, out var day) || !TwoDigits(s, 12, out var c) || !TwoDigits(s, 14, out var y)
            || !TwoDigits(s, 17, out var hour) || !TwoDigits(s, 20, out var minute) || !TwoDigits(s, 23, out var second)
            || (c * 100) + y < 1 || day < 1 || day > DateTime.DaysInMonth((c * 100) + y, month + 1)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        var value = new DateTime((c * 100) + y, month + 1, day, hour, minute, second, DateTimeKind.Utc);
        if (!s[..3].SequenceEqual(Days[(int)value.DayOfWeek]))
        {
            return false; // the day name must agree with the date
        }
        date = new DateTimeOffset(value);
        return true;
    }

    private static bool TwoDigits(ReadOnlySpan<char> s, int at, out int value)
    {
        var a = s[at] - '0';
        var b = s[at + 1] - '0';
        value = (a * 10) + b;
        return a is >= 0 and <= 9 && b is >= 0 and <= 9;
    }

    /// <summary>Drops the sub-second part, which an HTTP-date cannot carry.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
