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
    [InlineData("http://h.example:8080/uploads/abc", "abc")]
    [InlineData("HTTP://H.EXAMPLE:8080/uploads/abc/?q=1#f", "abc")]
    [InlineData("abc", "abc")]
    [InlineData("./abc?sig=1", "abc")]
    public void An_url_of_this_collection_names_its_id(string url, string id)
    {
        Assert.True(UploadConcat.TryParse("final;" + url, out var concat));
        Assert.Equal([id], concat.PartialIds(new Uri("http://h.example:8080/uploads")));
    }

    [Theory]
    [InlineData("http://evil.example/uploads/abc")]
    [InlineData("https://h.example:8080/uploads/abc")]
    [InlineData("http://h.example:8081/uploads/abc")]
    [InlineData("http://h.example/uploads/abc")]
    [InlineData("//evil.example/uploads/abc")]
    [InlineData("/other/abc")]
    [InlineData("/uploads/../../etc/passwd")]
    [InlineData("/uploads/a/b")]
    [InlineData("/uploads/")]
    [InlineData("/uploads/%2e%2e")]
    public void An_url_elsewhere_is_refused(string url)
    {
        Assert.True(UploadConcat.TryParse("final;/uploads/ok " + url, out var concat));
        Assert.Null(concat.PartialIds(new Uri("http://h.example:8080/uploads")));
    }
}
