using System.Net.Http.Headers;
using Baton.Client.Downloads;
using Baton.Testing;

namespace Baton.Client.Tests.Downloads;

public class DownloadNamingTests
{
    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\win.ini", "win.ini")]
    [InlineData(".bashrc", "bashrc")]
    [InlineData("...", null)]
    [InlineData("a\u0000b\u001Fc.txt", "a_b_c.txt")]
    [InlineData("what?<is>this*.txt", "what__is_this_.txt")]
    [InlineData("  spaced.txt  ", "spaced.txt")]
    [InlineData("/", null)]
    [InlineData("", null)]
    public void Server_names_are_reduced_to_a_safe_bare_file_name(string name, string? expected)
    {
        Assert.Equal(expected, DownloadNaming.Sanitize(name));
    }

    [Fact]
    public void Filename_star_wins_over_filename()
    {
        var disposition = ContentDispositionHeaderValue.Parse("attachment; filename=\"fallback.txt\"; filename*=UTF-8''%E2%82%AC%20rates.txt");

        Assert.Equal("€ rates.txt", DownloadNaming.NameFromDisposition(disposition));
    }

    [Fact]
    public void The_name_comes_from_output_then_disposition_then_url()
    {
        using var dir = new TempDirectory();
        var url = new Uri("http://127.0.0.1/files/some%20dir/report%201.pdf?sig=abc");
        var disposition = ContentDispositionHeaderValue.Parse("attachment; filename=\"../served.pdf\"");

        Assert.Equal(dir.Combine("x.bin"), DownloadNaming.ResolvePath(dir.Combine("x.bin"), disposition, url));
        Assert.Equal(dir.Combine("served.pdf"), DownloadNaming.ResolvePath(dir.Path + "/", disposition, url));
        Assert.Equal(dir.Combine("report 1.pdf"), DownloadNaming.ResolvePath(dir.Path, null, url));
        Assert.Equal(dir.Combine(DownloadNaming.Fallback), DownloadNaming.ResolvePath(dir.Path, null, new Uri("http://127.0.0.1/")));
    }
}
