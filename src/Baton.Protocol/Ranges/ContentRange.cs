using System.Globalization;

namespace Baton.Protocol.Ranges;

/// <summary>
/// A <c>Content-Range</c> value in bytes (RFC 9110 §14.4): <c>bytes FIRST-LAST/COMPLETE</c>, <c>bytes FIRST-LAST/*</c>,
/// or <c>bytes */COMPLETE</c> (unsatisfied-range, sent with 416).
/// </summary>
public readonly record struct ContentRange(long? First, long? Last, long? CompleteLength)
{
    public static ContentRange Satisfied(long first, long last, long completeLength) => new(first, last, completeLength);

    public static ContentRange Unsatisfied(long completeLength) => new(null, null, completeLength);

    public bool IsUnsatisfied => First is null;

    public long Length => IsUnsatisfied ? 0 : Last!.Value - First!.Value + 1;

    public override string ToString() => IsUnsatisfied
        ? $"bytes */{CompleteLength}"
        : string.Create(CultureInfo.InvariantCulture, $"bytes {First}-{Last}/{(CompleteLength is { } c ? c.ToString(CultureInfo.InvariantCulture) : "*")}");

    public static bool TryParse(ReadOnlySpan<char> value, out ContentRange range)
    {
        range = default;
        value = value.Trim(" \t");
        if (!value.StartsWith("bytes ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        value = value[6..].TrimStart(' ');
        var slash = value.IndexOf('/');
        if (slash < 0)
        {
            return false;
        }
        var rangePart = value[..slash];
        var lengthPart = value[(slash + 1)..];
        long? complete = null;
        if (lengthPart is not "*")
        {
            if (!Digits.TryParse(lengthPart, saturate: false, out var c))
            {
                return false;
            }
            complete = c;
        }
        if (rangePart is "*")
        {
            if (complete is null)
            {
                return false;
            }
            range = Unsatisfied(complete.Value);
            return true;
        }
        var dash = rangePart.IndexOf('-');
        if (dash < 0
            || !Digits.TryParse(rangePart[..dash], saturate: false, out var first)
            || !Digits.TryParse(rangePart[(dash + 1)..], saturate: false, out var last))
        {
            return false;
        }
        // §14.4: invalid if last < first, or if the complete length is known and last >= complete length.
        if (last < first || (complete is { } total && last >= total))
        {
            return false;
        }
        range = new ContentRange(first, last, complete);
        return true;
    }
}
