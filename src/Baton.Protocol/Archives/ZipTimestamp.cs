namespace Baton.Protocol.Archives;

/// <summary>
/// The two times an entry carries, chosen to be a pure function of its modification time. The MS-DOS date and time
/// (APPNOTE §4.4.6) are in UTC — not the server's local zone, which would make the bytes depend on the host — floored to
/// even seconds and clamped to the format's 1980-01-01 … 2107-12-31 23:59:58. The Info-ZIP extended timestamp holds Unix
/// seconds as a signed 32-bit value, clamped to its range; extractors that read it (Info-ZIP, Python, 7-Zip, libarchive)
/// restore the exact second in any zone.
/// </summary>
internal static class ZipTimestamp
{
    private static readonly DateTime DosMin = new(1980, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime DosMax = new(2107, 12, 31, 23, 59, 58, DateTimeKind.Utc);

    public static (ushort Time, ushort Date) ToDos(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        utc = utc < DosMin ? DosMin : utc > DosMax ? DosMax : utc;
        var time = (utc.Hour << 11) | (utc.Minute << 5) | (utc.Second / 2);
        var date = ((utc.Year - 1980) << 9) | (utc.Month << 5) | utc.Day;
        return ((ushort)time, (ushort)date);
    }

    public static int ToUnixSeconds(DateTimeOffset value) =>
        (int)Math.Clamp(value.ToUnixTimeSeconds(), int.MinValue, int.MaxValue);
}
