namespace Baton.Protocol.Ranges;

/// <summary>
/// One range-spec as written in a Range header (RFC 9110 §14.1.1), not yet resolved against a length:
/// an int-range <c>first-[last]</c> or a suffix-range <c>-length</c>. Numbers too large for a long saturate at
/// <see cref="long.MaxValue"/>: such a first-pos is simply unsatisfiable, such a last-pos or suffix means "to the end".
/// </summary>
public readonly record struct RangeSpec(long First, long? Last, long? SuffixLength)
{
    public static RangeSpec FromFirst(long first, long? last) => new(first, last, null);

    public static RangeSpec Suffix(long length) => new(-1, null, length);

    public bool IsSuffix => SuffixLength is not null;

    /// <summary>§14.1.1: the spec resolved against <paramref name="length"/>, or null when it is unsatisfiable.</summary>
    public ByteRange? Resolve(long length)
    {
        if (IsSuffix)
        {
            // A suffix-range is satisfiable if its length is non-zero; a longer suffix than the representation selects all of it.
            var suffix = SuffixLength!.Value;
            return suffix == 0 || length == 0 ? null : new ByteRange(length - Math.Min(suffix, length), length - 1);
        }
        // An int-range is satisfiable if first-pos is less than the length; last-pos past the end is clamped.
        return First >= length ? null : new ByteRange(First, Math.Min(Last ?? long.MaxValue, length - 1));
    }

    public override string ToString() => IsSuffix ? $"-{SuffixLength}" : $"{First}-{Last}";
}
