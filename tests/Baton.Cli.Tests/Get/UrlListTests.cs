using Baton.Cli.Get;
using Baton.Testing;

namespace Baton.Cli.Tests.Get;

public class UrlListTests
{
    [Fact]
    public void Reads_urls_skipping_blank_lines_and_comments()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("urls.txt");
        File.WriteAllText(file, "# mirrors\nhttp://127.0.0.1/a.bin\n\n  https://example.com/b.iso  \n");

        Assert.True(UrlList.TryRead(new FileInfo(file), out var urls, out _));
        Assert.Equal(["http://127.0.0.1/a.bin", "https://example.com/b.iso"], urls.Select(u => u.AbsoluteUri));
    }

    [Theory]
    [InlineData("ftp://example.com/x", "urls.txt:2")]
    [InlineData("not a url", "urls.txt:2")]
    public void Names_the_line_that_is_not_an_http_url(string bad, string where)
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("urls.txt");
        File.WriteAllText(file, $"http://127.0.0.1/a\n{bad}\n");

        Assert.False(UrlList.TryRead(new FileInfo(file), out _, out var error));
        Assert.StartsWith(where, error);
    }

    [Fact]
    public void An_empty_list_is_an_error()
    {
        using var dir = new TempDirectory();
        var file = dir.Combine("urls.txt");
        File.WriteAllText(file, "# nothing\n");

        Assert.False(UrlList.TryRead(new FileInfo(file), out _, out var error));
        Assert.Contains("no URL", error);
    }
}
