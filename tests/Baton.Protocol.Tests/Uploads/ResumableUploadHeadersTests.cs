using Baton.Protocol.Uploads;

namespace Baton.Protocol.Tests.Uploads;

public sealed class ResumableUploadHeadersTests
{
    [Theory]
    [InlineData("?1", true)]
    [InlineData("?0", false)]
    public void Upload_complete_is_a_structured_boolean(string field, bool expected)
    {
        Assert.True(ResumableUploadHeaders.TryParseBoolean(field, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    [InlineData("?2")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_upload_complete_values_are_ignored(string? field) => Assert.False(ResumableUploadHeaders.TryParseBoolean(field, out _));

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("123", 123L)]
    public void Offsets_and_lengths_are_non_negative_integers(string field, long expected)
    {
        Assert.True(ResumableUploadHeaders.TryParseNonNegative(field, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("\"1\"")]
    [InlineData("?1")]
    [InlineData("1, 2")]
    [InlineData("9999999999999999")] // more digits than an sf-integer allows (RFC 9651 §3.3.1)
    public void Other_offsets_are_ignored(string field) => Assert.False(ResumableUploadHeaders.TryParseNonNegative(field, out _));

    [Fact]
    public void Upload_limit_lists_only_the_limits_that_apply()
    {
        Assert.Equal("max-size=1000, max-age=60", new UploadLimit(MaxSize: 1000, MaxAgeSeconds: 60).ToString());
        Assert.Equal("max-size=1000, expires=60", new UploadLimit(MaxSize: 1000, MaxAgeSeconds: 60).Format("expires"));
        Assert.True(new UploadLimit().IsEmpty);
    }
}
