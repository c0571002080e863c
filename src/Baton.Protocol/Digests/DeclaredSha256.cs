using Baton.Protocol.Problems;
using Baton.Protocol.StructuredFields;

namespace Baton.Protocol.Digests;

/// <summary>
/// The SHA-256 an upload creation declares for the whole representation in <c>Repr-Digest</c> (RFC 9530 §3), which Baton uses as
/// the content's identity (issue 15). Members of other algorithms (md5, sha-512…) are ignored as §2 allows; a <c>sha-256</c>
/// member that is not a 32-byte byte sequence — not Base64, not a byte sequence, wrong length — is refused rather than ignored,
/// since the client meant to name content and would otherwise get an ordinary upload it did not ask for.
/// </summary>
public static class DeclaredSha256
{
    public const int Length = 32;

    /// <summary>Reads <paramref name="field"/>: null with <paramref name="sha256"/> set (or null when the field names no
    /// sha-256), or the 400 naming <c>Repr-Digest</c>.</summary>
    public static ProtocolError? Read(string? field, out byte[]? sha256)
    {
        sha256 = null;
        if (string.IsNullOrWhiteSpace(field))
        {
            return null;
        }
        if (!SfParser.TryParseDictionary(field, out var members))
        {
            // RFC 9651 fails the whole field; it only matters to us when it was meant to carry a sha-256 member.
            return NamesSha256(field) ? Invalid("it is not a Structured Field Dictionary (is the value Base64 between colons?)") : null;
        }
        // RFC 9651 §3.2: a repeated key keeps its last value.
        var member = members.LastOrDefault(m => m.Key == DigestValue.Sha256);
        if (member.Key is null)
        {
            return null;
        }
        if (member.Value.Kind != SfKind.ByteSequence)
        {
            return Invalid("the sha-256 member is not a byte sequence (:BASE64:)");
        }
        if (member.Value.AsBytes.Length != Length)
        {
            return Invalid($"the sha-256 member is {member.Value.AsBytes.Length} bytes, not {Length}");
        }
        sha256 = member.Value.AsBytes;
        return null;
    }

    private static ProtocolError Invalid(string why) =>
        ProtocolErrors.InvalidReprDigest.WithDetail($"{ReprDigest.HeaderName} cannot be used: {why}.");

    /// <summary>Whether an unparsable field has a member keyed <c>sha-256</c> (a lenient split on commas).</summary>
    private static bool NamesSha256(string field) =>
        field.Split(',').Any(member =>
        {
            var text = member.Trim();
            var end = text.IndexOfAny(['=', ';']);
            return (end < 0 ? text : text[..end]).Trim().Equals(DigestValue.Sha256, StringComparison.OrdinalIgnoreCase);
        });
}
