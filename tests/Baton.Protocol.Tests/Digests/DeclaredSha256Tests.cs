using Baton.Protocol.Digests;

namespace Baton.Protocol.Tests.Digests;

/// <summary>The sha-256 a creation declares (issue 15 "Bad input"): a malformed sha-256 member is a 400 naming Repr-Digest; other
/// algorithms alone are ignored (RFC 9530 §2).</summary>
public sealed class DeclaredSha256Tests
{
    private const string RfcSha256 = "X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=";

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("sha-256=:" + RfcSha256 + ":", RfcSha256)]
    [InlineData("md5=:HUXZLQLMuI/KZ5KDcJPcOA==:", null)]                                   // only another algorithm: ignored
    [InlineData("md5=:HUXZLQLMuI/KZ5KDcJPcOA==:, sha-256=:" + RfcSha256 + ":", RfcSha256)]
    [InlineData("sha-512=:abc=:", null)]                                                   // sha-512 is not ours to judge
    [InlineData("sha-256=:" + RfcSha256 + ":;p=1", RfcSha256)]                             // parameters are ignored
    [InlineData("sha-256=:AAAA:, sha-256=:" + RfcSha256 + ":", RfcSha256)]                 // RFC 9651 §3.2: the last wins
    [InlineData("unixsum=3", null)]
    [InlineData("md5=not-base64", null)]                                                   // unparsable, but no sha-256 in it
    public void Reads_the_sha256_member_or_nothing(string? field, string? expected)
    {
        var error = DeclaredSha256.Read(field, out var sha256);

        Assert.Null(error);
        Assert.Equal(expected, sha256 is null ? null : Convert.ToBase64String(sha256));
    }

    [Theory]
    [InlineData("sha-256=:not base64!:")]       // not Base64 (and thus not a dictionary)
    [InlineData("sha-256=" + RfcSha256)]        // not a byte sequence: a token would not parse
    [InlineData("sha-256=\"" + RfcSha256 + "\"")] // a string, not a byte sequence
    [InlineData("sha-256=42")]                  // an integer
    [InlineData("sha-256=:AAAA:")]              // 3 bytes, not 32
    [InlineData("sha-256=:" + RfcSha256 + "AAAA:")] // 35 bytes
    [InlineData("sha-256")]                     // a bare key is boolean true
    [InlineData("md5=:AAAA:, sha-256=:%%%:")]
    public void A_malformed_sha256_member_is_refused_naming_the_field(string field)
    {
        var error = DeclaredSha256.Read(field, out var sha256);

        Assert.NotNull(error);
        Assert.Equal(400, error.Status);
        Assert.Equal("urn:baton:problem:invalid-repr-digest", error.Type);
        Assert.Contains("Repr-Digest", error.Detail);
        Assert.Null(sha256);
    }
}
