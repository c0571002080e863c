using Baton.Server.Hosting;

namespace Baton.Server.Tests.Hosting;

/// <summary>URLs handed out with and without <c>Baton:PublicBaseUrl</c>, and which base URLs are accepted at start.</summary>
public sealed class PublicUrlsTests
{
    [Theory]
    [InlineData("", "/uploads/abc", "/uploads/abc")]
    [InlineData("https://files.example", "/uploads/abc?exp=1&sig=x", "https://files.example/uploads/abc?exp=1&sig=x")]
    [InlineData("https://files.example/", "/files/a%20b", "https://files.example/files/a%20b")]
    public void References_are_on_the_public_base_when_set(string publicBase, string path, string expected) =>
        Assert.Equal(expected, PublicUrls.Reference(publicBase, path));

    [Theory]
    [InlineData("", "http://127.0.0.1:8080/files/x?sig=y")]
    [InlineData("https://lb.example:8443", "https://lb.example:8443/files/x?sig=y")]
    public void Links_are_absolute_on_the_request_or_the_public_base(string publicBase, string expected) =>
        Assert.Equal(expected, PublicUrls.Absolute(publicBase, "http", "127.0.0.1:8080", "/files/x?sig=y"));

    [Theory]
    [InlineData("", true)]
    [InlineData("https://files.example", true)]
    [InlineData("http://10.0.0.1:8080/transfer", true)]
    [InlineData("files.example", false)]
    [InlineData("https://files.example/?x=1", false)]
    [InlineData("ftp://files.example", false)]
    public void Only_an_absolute_http_url_without_query_is_a_public_base(string value, bool valid)
    {
        var result = new BatonOptionsValidator().Validate(null, new BatonOptions { PublicBaseUrl = value });
        Assert.Equal(valid, result.Succeeded);
    }
}
