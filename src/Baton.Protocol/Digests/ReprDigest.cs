using Baton.Protocol.StructuredFields;

namespace Baton.Protocol.Digests;

/// <summary>
/// <c>Repr-Digest</c> and <c>Content-Digest</c> (RFC 9530): a structured-field dictionary of byte sequences keyed by algorithm,
/// e.g. <c>sha-256=:X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=:</c>.
/// </summary>
public static class ReprDigest
{
    public const string HeaderName = "Repr-Digest";
    public const string ContentDigestHeaderName = "Content-Digest";

    public static string Format(string algorithm, ReadOnlySpan<byte> digest) => $"{algorithm}=:{Convert.ToBase64String(digest)}:";

    public static string Format(IEnumerable<DigestValue> values) => string.Join(", ", values.Select(v => Format(v.Algorithm, v.Value)));

    /// <summary>Parses the field; members whose value is not a byte sequence make the field invalid (RFC 9530 §2).</summary>
    public static bool TryParse(string? field, out List<DigestValue> values)
    {
        values = [];
        if (!SfParser.TryParseDictionary(field, out var dictionary))
        {
            return false;
        }
        foreach (var (key, item) in dictionary)
        {
            if (item.Kind != SfKind.ByteSequence)
            {
                return false;
            }
            values.Add(new DigestValue(key, item.AsBytes));
        }
        return true;
    }
}
