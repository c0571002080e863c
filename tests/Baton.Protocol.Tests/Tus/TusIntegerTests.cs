using Baton.Protocol.Tus;

namespace Baton.Protocol.Tests.Tus;

public sealed class TusIntegerTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    [InlineData(" 7 ", 7L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Accepts_non_negative_integers(string value, long expected)
    {
        Assert.True(TusInteger.TryParse(value, out var parsed));
        Assert.Equal(expected, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("9223372036854775808")]
    [InlineData("99999999999999999999999")]
    [InlineData("1 2")]
    [InlineData("١٢")]
    public void Rejects_anything_else(string? value) => Assert.False(TusInteger.TryParse(value, out _));
}
