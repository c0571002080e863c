using System.Security.Cryptography;
using Baton.Client.Downloads;

namespace Baton.Client.Tests.Downloads;

public class ExpectedChecksumTests
{
    [Theory]
    [InlineData("sha256=9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08", "SHA256")]
    [InlineData("sha-256=9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "SHA256")]
    [InlineData("md5=098f6bcd4621d373cade4e832627b4f6", "MD5")]
    [InlineData("sha1=a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "SHA1")]
    public void Parses_algorithm_and_hex(string text, string algorithm)
    {
        Assert.True(ExpectedChecksum.TryParse(text, out var checksum, out _));
        Assert.Equal(new HashAlgorithmName(algorithm), checksum!.Algorithm);
    }

    [Theory]
    [InlineData("9f86d081")]
    [InlineData("sha256=abc")]
    [InlineData("crc32=12345678")]
    [InlineData("sha256=zz86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    public void Rejects_malformed_checksums_with_a_reason(string text)
    {
        Assert.False(ExpectedChecksum.TryParse(text, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
