using System.Buffers;
using System.Text;

namespace Baton.Protocol.Paths.Unicode;

/// <summary>
/// Unicode Normalization Form C (UAX #15): canonical decomposition, canonical ordering, canonical composition. Baton runs
/// with InvariantGlobalization, where <see cref="string.Normalize()"/> returns its input unchanged (the runtime assumes all
/// text normalised), so names are normalised here from <see cref="UnicodeTables"/>. Input must be well-formed UTF-16 (callers
/// refuse unpaired surrogates first); a lone surrogate passes through unchanged.
/// </summary>
internal static class Nfc
{
    // Hangul syllables compose and decompose arithmetically (UAX #15 §3.12, The Unicode Standard §3.12).
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    /// <summary>No code point below U+0300 decomposes into, or composes with, anything NFC changes: such text is already NFC.</summary>
    private const char FirstAffected = '\u0300';

    private const int FirstDecomposable = 0xC0;

    public static string Normalize(string value)
    {
        if (!value.AsSpan().ContainsAnyInRange(FirstAffected, char.MaxValue))
        {
            return value;
        }
        var buffer = ArrayPool<int>.Shared.Rent(value.Length * 4); // no canonical decomposition is longer than 4 code points
        try
        {
            var length = Decompose(value, buffer);
            Reorder(buffer.AsSpan(0, length));
            length = Compose(buffer.AsSpan(0, length));
            var builder = new StringBuilder(length);
            foreach (var codePoint in buffer.AsSpan(0, length))
            {
                if (codePoint is >= 0xD800 and <= 0xDFFF)
                {
                    builder.Append((char)codePoint);
                }
                else
                {
                    builder.Append(char.ConvertFromUtf32(codePoint));
                }
            }
            var result = builder.ToString();
            return result == value ? value : result;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(buffer);
        }
    }

    public static int CombiningClass(int codePoint)
    {
        if (codePoint < FirstAffected)
        {
            return 0;
        }
        var ranges = UnicodeTables.CombiningClassRanges;
        int low = 0, high = ranges.Length / 3 - 1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (codePoint < ranges[middle * 3])
            {
                high = middle - 1;
            }
            else if (codePoint > ranges[middle * 3 + 1])
            {
                low = middle + 1;
            }
            else
            {
                return ranges[middle * 3 + 2];
            }
        }
        return 0;
    }

    private static int Decompose(string value, int[] output)
    {
        var length = 0;
        for (var i = 0; i < value.Length; i++)
        {
            int codePoint = value[i];
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                codePoint = char.ConvertToUtf32(value[i], value[i + 1]);
                i++;
            }
            length = DecomposeInto(codePoint, output, length);
        }
        return length;
    }

    private static int DecomposeInto(int codePoint, int[] output, int length)
    {
        var s = codePoint - SBase;
        if (s is >= 0 and < SCount)
        {
            output[length++] = LBase + s / NCount;
            output[length++] = VBase + s % NCount / TCount;
            if (s % TCount != 0)
            {
                output[length++] = TBase + s % TCount;
            }
            return length;
        }
        // Latin-1 letters (U+00C0…) decompose too: alone they are NFC, but a following mark may reorder before theirs.
        var index = codePoint < FirstDecomposable ? -1 : UnicodeTables.DecompositionKeys.BinarySearch(codePoint);
        if (index < 0)
        {
            output[length++] = codePoint;
            return length;
        }
        var values = UnicodeTables.DecompositionValues;
        length = DecomposeInto(values[index * 2], output, length);
        return values[index * 2 + 1] < 0 ? length : DecomposeInto(values[index * 2 + 1], output, length);
    }

    /// <summary>Canonical ordering: a stable sort of each run of non-starters by combining class.</summary>
    private static void Reorder(Span<int> codePoints)
    {
        for (var i = 1; i < codePoints.Length; i++)
        {
            var current = codePoints[i];
            var currentClass = CombiningClass(current);
            if (currentClass == 0)
            {
                continue;
            }
            var j = i;
            while (j > 0 && CombiningClass(codePoints[j - 1]) > currentClass)
            {
                codePoints[j] = codePoints[j - 1];
                j--;
            }
            codePoints[j] = current;
        }
    }

    /// <summary>Canonical composition (UAX #15 §1.3): each character joins the last starter unless blocked. Returns the new length.</summary>
    private static int Compose(Span<int> codePoints)
    {
        if (codePoints.IsEmpty)
        {
            return 0;
        }
        var starter = 0;
        var lastClass = CombiningClass(codePoints[0]);
        if (lastClass != 0)
        {
            lastClass = 256; // a leading non-starter has no starter to join: block everything until one comes
        }
        var written = 1;
        for (var i = 1; i < codePoints.Length; i++)
        {
            var current = codePoints[i];
            var currentClass = CombiningClass(current);
            var composite = Composite(codePoints[starter], current);
            if (composite >= 0 && (lastClass < currentClass || lastClass == 0))
            {
                codePoints[starter] = composite;
                continue;
            }
            if (currentClass == 0)
            {
                starter = written;
            }
            lastClass = currentClass;
            codePoints[written++] = current;
        }
        return written;
    }

    private static int Composite(int first, int second)
    {
        var l = first - LBase;
        if (l is >= 0 and < LCount)
        {
            var v = second - VBase;
            return v is >= 0 and < VCount ? SBase + (l * VCount + v) * TCount : -1;
        }
        var s = first - SBase;
        if (s is >= 0 and < SCount && s % TCount == 0)
        {
            var t = second - TBase;
            return t is > 0 and < TCount ? first + t : -1;
        }
        var index = UnicodeTables.CompositionKeys.BinarySearch(((long)first << 21) | (uint)second);
        return index < 0 ? -1 : UnicodeTables.CompositionValues[index];
    }
}
