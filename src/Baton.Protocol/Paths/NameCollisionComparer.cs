using Baton.Protocol.Paths.Unicode;

namespace Baton.Protocol.Paths;

/// <summary>
/// Equality of names (or '/'-separated paths) up to letter case and canonical Unicode equivalence: <c>Photo.jpg</c>,
/// <c>PHOTO.JPG</c>, and <c>é</c> written precomposed (NFC, as Windows and Linux clients send it) or decomposed (NFD, as
/// macOS file systems hand it over) are one name here. Two such names could not both exist on a case-insensitive or
/// normalisation-insensitive file system (Windows, macOS) — a ZIP or mirror of the tree would lose one — so a new name that
/// collides with a different existing one is refused (409). Case is folded by lower- then upper-casing each character with
/// the invariant simple mappings (so ß/ẞ and σ/ς/Σ fold together); compatibility forms (ﬁ, fullwidth letters) stay distinct,
/// as on those file systems.
/// </summary>
public sealed class NameCollisionComparer : IEqualityComparer<string>
{
    public static NameCollisionComparer Instance { get; } = new();

    private NameCollisionComparer()
    {
    }

    /// <summary>The form two colliding names share: NFC, then case-folded.</summary>
    public static string Key(string name) => Nfc.Normalize(name).ToLowerInvariant().ToUpperInvariant();

    /// <summary>True when the names differ (ordinally) yet collide: the case the server refuses with 409.</summary>
    public static bool Collides(string name, string other) => name != other && Key(name) == Key(other);

    public bool Equals(string? x, string? y) => x is null || y is null ? ReferenceEquals(x, y) : x == y || Key(x) == Key(y);

    public int GetHashCode(string obj) => Key(obj).GetHashCode(StringComparison.Ordinal);
}
