using System.Security.Cryptography;
using System.Text;
using Baton.Protocol.Digests;

namespace Baton.Protocol.Tests.Digests;

/// <summary>Repr-Digest / Content-Digest, RFC 9530 §2–3: a dictionary of algorithm → byte sequence.</summary>
public sealed class ReprDigestTests
{
    // RFC 9530 §2 / Appendix B: the representation {"hello": "world"} (no trailing newline)
    private const string RfcSha256 = "X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=";
    private const string RfcSha512 = "WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==";
    private static readonly byte[] RfcRepresentation = Encoding.UTF8.GetBytes("{\"hello\": \"world\"}");

    [Fact]
    public void Formats_the_rfc_example_from_the_computed_digest()
    {
        Assert.Equal($"sha-256=:{RfcSha256}:", ReprDigest.Format(DigestValue.Sha256, SHA256.HashData(RfcRepresentation)));
        Assert.Equal($"sha-256=:{RfcSha256}:, sha-512=:{RfcSha512}:", ReprDigest.Format(
        [
            new DigestValue(DigestValue.Sha256, SHA256.HashData(RfcRepresentation)),
            new DigestValue(DigestValue.Sha512, SHA512.HashData(RfcRepresentation)),
        ]));
    }

    [Theory]
    [InlineData("sha-256=:" + RfcSha256 + ":", "sha-256=" + RfcSha256)]
    [InlineData("sha-512=:" + RfcSha512 + ":", "sha-512=" + RfcSha512)]
    [InlineData("sha-256=:" + RfcSha256 + ":, sha-512=:" + RfcSha512 + ":", "sha-256=" + RfcSha256 + "|sha-512=" + RfcSha512)]
    [InlineData("sha-256=:" + RfcSha256 + ":;p=1", "sha-256=" + RfcSha256)]   // parameters are ignored
    [InlineData("unixsum=:AQID:", "unixsum=AQID")]                             // unknown algorithms are still parsed (§2: ignored by the consumer)
    [InlineData("sha-256=:AAAA:, sha-256=:" + RfcSha256 + ":", "sha-256=" + RfcSha256)] // RFC 9651 §4.2.2: duplicate key, last wins
    [InlineData("", "")]                                                       // empty dictionary
    public void Parses_algorithm_and_bytes(string field, string expected)
    {
        Assert.True(ReprDigest.TryParse(field, out var values), field);
        Assert.Equal(expected, string.Join('|', values.Select(v => v.Algorithm + "=" + Convert.ToBase64String(v.Value))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha-256")]                            // bare key is a boolean, not a byte sequence
    [InlineData("sha-256=1")]
    [InlineData("sha-256=\"" + RfcSha256 + "\"")]      // a string is not a byte sequence
    [InlineData("sha-256=" + RfcSha256)]               // missing colons
    [InlineData("sha-256=:" + RfcSha256)]
    [InlineData("SHA-256=:" + RfcSha256 + ":")]        // dictionary keys are lowercase
    [InlineData("sha-256=:" + RfcSha256 + ":,")]
    [InlineData("sha-256=(:AQID:)")]                   // inner list
    [InlineData("sha-256=:AQID:, md5=?1")]             // one bad member fails the field
    [InlineData("sha-256=:not base64!:")]
    public void Rejects_invalid_field(string? field)
    {
        Assert.False(ReprDigest.TryParse(field, out _), field);
    }

    [Fact]
    public void Matches_compares_digest_bytes_exactly()
    {
        Assert.True(ReprDigest.TryParse($"sha-256=:{RfcSha256}:", out var values));
        Assert.True(values[0].Matches(SHA256.HashData(RfcRepresentation)));
        Assert.False(values[0].Matches(SHA256.HashData(Encoding.UTF8.GetBytes("{\"hello\": \"world\"}\n"))));
        Assert.False(values[0].Matches(SHA256.HashData(RfcRepresentation).AsSpan(0, 31)));
    }
}
