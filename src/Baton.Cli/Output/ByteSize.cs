using System.Globalization;

namespace Baton.Cli.Output;

/// <summary>Sizes and rates on the command line: a number with an optional binary suffix, e.g. <c>500k</c>, <c>2m</c>, <c>8MiB</c>, <c>1g/s</c>.</summary>
public static class ByteSize
{
    public static bool TryParse(string? text, out long bytes)
    {
        bytes = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim().ToLowerInvariant();
        if (s.EndsWith("/s", StringComparison.Ordinal))
        {
            s = s[..^2];
        }
        s = s.EndsWith("ib", StringComparison.Ordinal) ? s[..^2] : s.EndsWith('b') ? s[..^1] : s;
        long multiplier = 1;
        if (s.Length > 0 && "kmgt".Contains(s[^1]))
        {
            multiplier = s[^1] switch { 'k' => 1L << 10, 'm' => 1L << 20, 'g' => 1L << 30, _ => 1L << 40 };
            s = s[..^1];
        }
        if (!double.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return false;
        }
        var result = value * multiplier;
        if (result is < 1 or > long.MaxValue / 2)
        {
            return false;
        }
        bytes = (long)result;
        return true;
    }

    /// <summary>Human form: 1.5 MiB.</summary>
    public static string Format(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var unit = 0;
        while (bytes >= 1024 && unit < units.Length - 1)
        {
            bytes /= 1024;
            unit++;
        }
        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.0} {units[unit]}");
    }
}
