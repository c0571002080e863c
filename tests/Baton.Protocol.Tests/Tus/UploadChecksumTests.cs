using Baton.Protocol.Tus;

namespace Baton.Protocol.Tests.Tus;

public sealed class UploadChecksumTests
{
    [Fact]
    public void Parses_algorithm_and_base64()
    {
        Assert.True(UploadChecksum.TryParse("sha1 Kq5sNclPz7QV2+lfQIuc6R7oRu0=", out var checksum));
        Assert.Equal("sha1", checksum.Algorithm);
        Assert.Equal(20, checksum.Expected.Length);
    }

    [Fact]
    public void Unknown_algorithms_parse_but_are_not_supported()
    {
        Assert.True(UploadChecksum.TryParse("whirlpool AAAA", out var checksum));
        Assert.False(UploadChecksum.IsSupported(checksum.Algorithm));
        Assert.All(["sha1", "md5", "sha256", "sha512", "crc32"], a => Assert.True(UploadChecksum.IsSupported(a)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("sha1")]
    [InlineData("sha1 ")]
    [InlineData(" AAAA")]
    [InlineData("SHA1 AAAA")]
    [InlineData("sha1 not-base64!")]
    public void Rejects_malformed_values(string value) => Assert.False(UploadChecksum.TryParse(value, out _));
}
