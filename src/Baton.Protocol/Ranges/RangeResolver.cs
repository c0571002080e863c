namespace Baton.Protocol.Ranges;

/// <summary>
/// Resolves parsed range-specs against a length (RFC 9110 §14.1.1), drops unsatisfiable ones, refuses abusive sets and
/// coalesces overlapping or adjacent ranges (§14.2 allows it; it bounds the response to the representation's size).
/// Coalesced ranges keep the position of their earliest member, so parts follow the order the client asked for (§15.3.7.2).
/// </summary>
public static class RangeResolver
{
    /// <summary>
    /// Resolves <paramref name="specs"/> into <paramref name="output"/> (which must be at least as long as <paramref name="specs"/>).
    /// A set of more than one satisfiable range whose lengths add up to more than <paramref name="length"/> can only come from
    /// overlapping ranges — the CVE-2011-3192 pattern — and is <see cref="RangeResolution.Rejected"/>.
    /// </summary>
    public static RangeResolution Resolve(ReadOnlySpan<RangeSpec> specs, long length, Span<ByteRange> output, out int count)
    {
        if (output.Length < specs.Length)
        {
            throw new ArgumentException("output must hold one range per spec", nameof(output));
        }
        count = 0;
        long requested = 0;
        foreach (var spec in specs)
        {
            if (spec.Resolve(length) is { } range)
            {
                output[count++] = range;
                requested = requested > long.MaxValue - range.Length ? long.MaxValue : requested + range.Length;
            }
        }
        if (count == 0)
        {
            return RangeResolution.NotSatisfiable;
        }
        if (count > 1 && requested > length)
        {
            count = 0;
            return RangeResolution.Rejected;
        }
        count = Coalesce(output[..count]);
        return RangeResolution.Satisfiable;
    }

    /// <summary>Merges ranges that overlap or touch, in place; returns the new count. Earlier members absorb later ones.</summary>
    private static int Coalesce(Span<ByteRange> ranges)
    {
        var count = ranges.Length;
        for (var i = 0; i < count; i++)
        {
            var merged = true;
            while (merged)
            {
                merged = false;
                for (var j = i + 1; j < count; j++)
                {
                    if (Touch(ranges[i], ranges[j]))
                    {
                        ranges[i] = new ByteRange(Math.Min(ranges[i].First, ranges[j].First), Math.Max(ranges[i].Last, ranges[j].Last));
                        ranges[(j + 1)..count].CopyTo(ranges[j..]);
                        count--;
                        merged = true; // the grown range may now touch one it skipped
                        break;
                    }
                }
            }
        }
        return count;
    }

    // Last is at most length - 1 < long.MaxValue, so + 1 cannot overflow.
    private static bool Touch(ByteRange a, ByteRange b) => a.First <= b.Last + 1 && b.First <= a.Last + 1;
}
