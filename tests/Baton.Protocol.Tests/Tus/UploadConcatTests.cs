using Baton.Protocol.Tus;

namespace Baton.Protocol.Tests.Tus;

public sealed class UploadConcatTests
{
    [Fact]
    public void Partial()
    {
        Assert.True(UploadConcat.TryParse("partial", out var concat));
        Assert.True(concat.IsPartial);
        Assert.Equal("partial", concat.ToString());
    }

    [Fact]
    public void Final_lists_urls_in_order()
    {
        Assert.True(UploadConcat.TryParse("final;/uploads/a http://x.example/uploads/b", out var concat));
        Assert.True(concat.IsFinal);
        Assert.Equal(["/uploads/a", "http://x.example/uploads/b"], concat.PartialUrls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("final;")]
    [InlineData("final")]
    [InlineData("partial;x")]
    [InlineData("whole")]
    public void Rejects_malformed_values(string value) => Assert.False(UploadConcat.TryParse(value, out _));

    [Theory]
    [InlineData("/uploads/abc", "abc")]
    [InlineData("https://h.example/base/uploads/abc/?q=1#f", "abc")]
    [InlineData("abc", "abc")]
    [InlineData("/uploads/../../etc/passwd", "passwd")]
    public void The_id_is_the_last_path_segment(string url, string id) => Assert.Equal(id, UploadConcat.LastSegment(url));
}
