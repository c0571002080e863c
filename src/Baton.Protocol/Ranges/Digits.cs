namespace Baton.Protocol.Ranges;

/// <summary>1*DIGIT as a non-negative long, without overflow: either saturating at <see cref="long.MaxValue"/> (a Range position that
/// large is simply past any representation, RFC 9110 §14.1.1) or failing (a Content-Range that large is invalid).</summary>
internal static class Digits
{
    public static bool TryParse(ReadOnlySpan<char> digits, bool saturate, out long value)
    {
        value = 0;
        if (digits.IsEmpty)
        {
            return false;
        }
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
            var d = c - '0';
            if (value > (long.MaxValue - d) / 10)
            {
                if (!saturate)
                {
                    return false;
                }
                value = long.MaxValue;
                continue;
            }
            value = (value * 10) + d;
        }
        return true;
    }
}
