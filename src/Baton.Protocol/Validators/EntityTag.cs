namespace Baton.Protocol.Validators;

/// <summary>
/// An entity tag (RFC 9110 §8.8.3): an opaque quoted string, optionally weak (<c>W/"…"</c>).
/// <see cref="Opaque"/> keeps the quotes so that <see cref="ToString"/> is the exact field value.
/// </summary>
public readonly record struct EntityTag(string Opaque, bool IsWeak)
{
    /// <summary>A strong tag from an opaque value without quotes (which must use only etagc characters).</summary>
    public static EntityTag Strong(string value) => new('"' + value + '"', false);

    /// <summary>§8.8.3.2 strong comparison: both strong and the opaque tags identical.</summary>
    public bool StrongEquals(EntityTag other) => !IsWeak && !other.IsWeak && Opaque == other.Opaque;

    /// <summary>§8.8.3.2 weak comparison: opaque tags identical, weakness ignored.</summary>
    public bool WeakEquals(EntityTag other) => Opaque == other.Opaque;

    public override string ToString() => IsWeak ? "W/" + Opaque : Opaque;

    /// <summary>Parses one entity-tag that must fill the whole value (surrounding whitespace allowed).</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out EntityTag tag)
    {
        value = value.Trim(" \t");
        var consumed = TryParseAt(value, out tag);
        return consumed > 0 && consumed == value.Length;
    }

    /// <summary>Parses an entity-tag at the start of <paramref name="value"/>; returns the characters consumed, 0 when invalid.</summary>
    internal static int TryParseAt(ReadOnlySpan<char> value, out EntityTag tag)
    {
        var used = Scan(value, out var opaque, out var weak);
        tag = used == 0 ? default : new EntityTag(opaque.ToString(), weak);
        return used;
    }

    /// <summary>
    /// Finds an entity-tag at the start of <paramref name="value"/> without allocating: <paramref name="opaque"/> is the quoted
    /// part. Returns the characters consumed, 0 when invalid.
    /// </summary>
    internal static int Scan(ReadOnlySpan<char> value, out ReadOnlySpan<char> opaque, out bool weak)
    {
        opaque = default;
        weak = value.StartsWith("W/", StringComparison.Ordinal);
        var start = weak ? 2 : 0;
        if (value.Length < start + 2 || value[start] != '"')
        {
            return 0;
        }
        for (var i = start + 1; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '"')
            {
                opaque = value[start..(i + 1)];
                return i + 1;
            }
            // etagc = %x21 / %x23-7E / obs-text
            if (c is < (char)0x21 or (char)0x7F || (c > (char)0xFF))
            {
                return 0;
            }
        }
        return 0;
    }
}
