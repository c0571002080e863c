using Baton.Protocol.Ranges;

namespace Baton.Protocol.Tests.Ranges;

/// <summary>Content-Range, RFC 9110 §14.4.</summary>
public sealed class ContentRangeTests
{
    [Theory]
    [InlineData("bytes 42-1233/1234", 42L, 1233L, 1234L)]     // §14.4 example
    [InlineData("bytes 42-1233/*", 42L, 1233L, null)]         // §14.4 example: complete length unknown
    [InlineData("bytes 0-0/1", 0L, 0L, 1L)]
    [InlineData("bytes 0-499/1234", 0L, 499L, 1234L)]
    [InlineData("bytes 9223372036854775806-9223372036854775806/9223372036854775807", 9223372036854775806L, 9223372036854775806L, 9223372036854775807L)]
    [InlineData("BYTES 1-2/3", 1L, 2L, 3L)]                   // §14.1: range units are case-insensitive
    [InlineData(" bytes 1-2/3\t", 1L, 2L, 3L)]                // surrounding OWS is not part of the value
    [InlineData("bytes 007-009/010", 7L, 9L, 10L)]            // 1*DIGIT allows leading zeros
    public void Parses_satisfied_range(string value, long first, long last, long? complete)
    {
        Assert.True(ContentRange.TryParse(value, out var range), value);
        Assert.False(range.IsUnsatisfied);
        Assert.Equal(first, range.First);
        Assert.Equal(last, range.Last);
        Assert.Equal(complete, range.CompleteLength);
        Assert.Equal(last - first + 1, range.Length);
    }

    [Theory]
    [InlineData("bytes */1234", 1234L)]                        // §14.4 unsatisfied-range example
    [InlineData("bytes */0", 0L)]
    [InlineData("bytes */9223372036854775807", 9223372036854775807L)]
    public void Parses_unsatisfied_range(string value, long complete)
    {
        Assert.True(ContentRange.TryParse(value, out var range), value);
        Assert.True(range.IsUnsatisfied);
        Assert.Null(range.First);
        Assert.Null(range.Last);
        Assert.Equal(complete, range.CompleteLength);
        Assert.Equal(0, range.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("bytes")]
    [InlineData("bytes ")]
    [InlineData("0-1/2")]                                  // range unit is required
    [InlineData("items 0-1/2")]                            // only bytes
    [InlineData("bytes=0-1/2")]                            // that is Range syntax, not Content-Range
    [InlineData("bytes 0-1")]                              // "/" complete-length is required
    [InlineData("bytes 0-1/")]
    [InlineData("bytes */*")]                              // unsatisfied-range needs a complete length
    [InlineData("bytes *")]
    [InlineData("bytes 5-4/10")]                           // §14.4: last-pos < first-pos is invalid
    [InlineData("bytes 0-10/10")]                          // §14.4: last-pos >= complete-length is invalid
    [InlineData("bytes 10-10/10")]
    [InlineData("bytes 0-0/0")]
    [InlineData("bytes -5/10")]                            // suffix form belongs to Range only
    [InlineData("bytes 5-/10")]
    [InlineData("bytes 1 - 2/3")]
    [InlineData("bytes +1-2/3")]
    [InlineData("bytes -1-2/3")]
    [InlineData("bytes 1-2/-3")]
    [InlineData("bytes 1-2/3/4")]
    [InlineData("bytes 1-2-3/4")]
    [InlineData("bytes 0x1-2/3")]
    [InlineData("bytes 1-2/3, 4-5/6")]
    [InlineData("bytes 0-9223372036854775808/*")]          // overflow of a 64-bit position
    [InlineData("bytes 9223372036854775808-9223372036854775809/*")]
    [InlineData("bytes 0-1/9223372036854775808")]
    [InlineData("bytes */99999999999999999999999")]
    public void Rejects_invalid_content_range(string value)
    {
        Assert.False(ContentRange.TryParse(value, out _), value);
    }

    [Theory]
    [InlineData(0L, 499L, 1234L, "bytes 0-499/1234")]
    [InlineData(42L, 1233L, 1234L, "bytes 42-1233/1234")]
    public void Formats_satisfied_range(long first, long last, long complete, string expected)
    {
        var range = ContentRange.Satisfied(first, last, complete);
        Assert.Equal(expected, range.ToString());
        Assert.True(ContentRange.TryParse(range.ToString(), out var parsed));
        Assert.Equal(range, parsed);
    }

    [Fact]
    public void Formats_unknown_complete_length_and_unsatisfied_range()
    {
        Assert.Equal("bytes 42-1233/*", new ContentRange(42, 1233, null).ToString());
        Assert.Equal("bytes */1234", ContentRange.Unsatisfied(1234).ToString());
        Assert.True(ContentRange.TryParse(ContentRange.Unsatisfied(1234).ToString(), out var parsed));
        Assert.Equal(ContentRange.Unsatisfied(1234), parsed);
    }
}
