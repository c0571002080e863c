namespace Baton.Protocol.Ranges;

/// <summary>
/// Allocation-free parser of the Range request header (RFC 9110 §14.2) into <see cref="RangeSpec"/>s:
/// <c>ranges-specifier = range-unit "=" range-set</c>, <c>range-set = 1#range-spec</c>, with list rules from §5.6.1
/// (optional whitespace around commas, empty list elements ignored). Range units are case-insensitive (§14.1).
/// </summary>
public static class RangeHeader
{
    /// <summary>
    /// Parses <paramref name="value"/> into <paramref name="destination"/>. When there are more specs than
    /// <paramref name="destination"/> holds, the result is <see cref="RangeHeaderStatus.TooManyRanges"/>.
    /// </summary>
    public static RangeHeaderStatus Parse(ReadOnlySpan<char> value, Span<RangeSpec> destination, out int count)
    {
        count = 0;
        var equals = value.IndexOf('=');
        if (equals < 0)
        {
            return value.Trim(" \t").IsEmpty ? RangeHeaderStatus.Ignored : RangeHeaderStatus.Invalid;
        }
        var unit = value[..equals].Trim(" \t");
        if (!unit.Equals("bytes", StringComparison.OrdinalIgnoreCase))
        {
            return IsToken(unit) ? RangeHeaderStatus.Ignored : RangeHeaderStatus.Invalid;
        }
        var set = value[(equals + 1)..];
        while (true)
        {
            var comma = set.IndexOf(',');
            var element = (comma < 0 ? set : set[..comma]).Trim(" \t");
            if (!element.IsEmpty)
            {
                if (!TryParseSpec(element, out var spec))
                {
                    return RangeHeaderStatus.Invalid;
                }
                if (count == destination.Length)
                {
                    return RangeHeaderStatus.TooManyRanges;
                }
                destination[count++] = spec;
            }
            if (comma < 0)
            {
                break;
            }
            set = set[(comma + 1)..];
        }
        return count == 0 ? RangeHeaderStatus.Invalid : RangeHeaderStatus.Valid;
    }

    private static bool TryParseSpec(ReadOnlySpan<char> element, out RangeSpec spec)
    {
        spec = default;
        var dash = element.IndexOf('-');
        if (dash < 0)
        {
            return false;
        }
        var first = element[..dash];
        var last = element[(dash + 1)..];
        if (first.IsEmpty)
        {
            // suffix-range = "-" suffix-length
            if (!Digits.TryParse(last, saturate: true, out var suffix))
            {
                return false;
            }
            spec = RangeSpec.Suffix(suffix);
            return true;
        }
        if (!Digits.TryParse(first, saturate: true, out var firstPos))
        {
            return false;
        }
        if (last.IsEmpty)
        {
            spec = RangeSpec.FromFirst(firstPos, null);
            return true;
        }
        if (!Digits.TryParse(last, saturate: true, out var lastPos) || lastPos < firstPos)
        {
            return false; // §14.1.1: an int-range is invalid if last-pos is less than first-pos
        }
        spec = RangeSpec.FromFirst(firstPos, lastPos);
        return true;
    }

    private static bool IsToken(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return false;
        }
        foreach (var c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)))
            {
                return false;
            }
        }
        return true;
    }
}
