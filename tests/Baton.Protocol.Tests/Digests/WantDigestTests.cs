using Baton.Protocol.Digests;

namespace Baton.Protocol.Tests.Digests;

/// <summary>Want-Repr-Digest / Want-Content-Digest, RFC 9530 §4: algorithm → preference 0–10, 0 = not acceptable.</summary>
public sealed class WantDigestTests
{
    private static readonly string[] Supported = [DigestValue.Sha256, DigestValue.Sha512];

    [Theory]
    [InlineData("sha-256=1", "sha-256")]
    [InlineData("sha-512=3, sha-256=10", "sha-256")]          // §4 example shape: highest preference wins
    [InlineData("sha-256=1, sha-512=3", "sha-512")]
    [InlineData("sha-256=5, sha-512=5", "sha-256")]           // tie: the server's order decides
    [InlineData("sha-512=5, sha-256=5", "sha-256")]
    [InlineData("sha-256=0, sha-512=1", "sha-512")]           // 0 = not acceptable
    [InlineData("unixsum=10, sha-512=1", "sha-512")]          // unsupported algorithms are ignored
    [InlineData("sha-256=10;x=1", "sha-256")]                 // parameters are ignored
    [InlineData("sha-256=1, sha-256=4, sha-512=3", "sha-256")] // duplicate key: last value (4) wins
    [InlineData("sha-256=4, sha-256=0, sha-512=3", "sha-512")]
    public void Preferred_picks_highest_acceptable_supported_algorithm(string field, string expected)
    {
        Assert.True(WantDigest.TryParse(field, out var want), field);
        Assert.Equal(expected, want.Preferred(Supported));
    }

    [Theory]
    [InlineData("")]                                          // nothing asked for
    [InlineData("sha-256=0")]
    [InlineData("sha-256=0, sha-512=0")]
    [InlineData("md5=10, unixsum=3")]
    public void Preferred_is_null_when_nothing_acceptable_is_supported(string field)
    {
        Assert.True(WantDigest.TryParse(field, out var want), field);
        Assert.Null(want.Preferred(Supported));
    }

    [Theory]
    [InlineData("sha-256=1", "sha-256", true)]
    [InlineData("sha-256=10", "sha-256", true)]
    [InlineData("sha-256=0", "sha-256", false)]
    [InlineData("sha-256=1", "sha-512", false)]
    [InlineData("sha-512=2", "SHA-512", false)]               // keys compare exactly
    public void Accepts_only_nonzero_preference(string field, string algorithm, bool expected)
    {
        Assert.True(WantDigest.TryParse(field, out var want));
        Assert.Equal(expected, want.Accepts(algorithm));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("sha-256=11")]               // §4: 0 to 10 only
    [InlineData("sha-256=-1")]
    [InlineData("sha-256=1.0")]              // a decimal is not an integer
    [InlineData("sha-256=0.5")]
    [InlineData("sha-256")]                  // bare key (boolean true)
    [InlineData("sha-256=?1")]
    [InlineData("sha-256=\"5\"")]
    [InlineData("sha-256=:AQ==:")]
    [InlineData("sha-256=(1 2)")]
    [InlineData("sha-256=1, sha-512=99")]    // one bad member fails the field
    [InlineData("sha-256=1,")]
    [InlineData("sha-256=1 sha-512=2")]
    [InlineData("SHA-256=1")]
    public void Rejects_invalid_field(string? field)
    {
        Assert.False(WantDigest.TryParse(field, out _), field);
    }
}
