using Baton.Cli.Output;

namespace Baton.Cli.Tests.Output;

public class ByteSizeTests
{
    [Theory]
    [InlineData("1", 1)]
    [InlineData("500k", 500 * 1024)]
    [InlineData("2m", 2 * 1024 * 1024)]
    [InlineData("2M", 2 * 1024 * 1024)]
    [InlineData("8MiB", 8 * 1024 * 1024)]
    [InlineData("1.5m", 3 * 512 * 1024)]
    [InlineData("1g/s", 1024L * 1024 * 1024)]
    [InlineData("64kb", 64 * 1024)]
    public void Parses_sizes_and_rates(string text, long expected)
    {
        Assert.True(ByteSize.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5m")]
    [InlineData("fast")]
    [InlineData("2x")]
    [InlineData("m")]
    [InlineData("0.1")]
    public void Rejects_what_is_not_a_size(string text)
    {
        Assert.False(ByteSize.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, "0 B")]
    [InlineData(1023, "1023 B")]
    [InlineData(1536, "1.5 KiB")]
    [InlineData(16 * 1024 * 1024, "16.0 MiB")]
    public void Formats_binary_units(double bytes, string expected)
    {
        Assert.Equal(expected, ByteSize.Format(bytes));
    }
}
