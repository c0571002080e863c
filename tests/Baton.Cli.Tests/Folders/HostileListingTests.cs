using Baton.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Baton.Cli.Tests.Folders;

/// <summary>
/// <c>baton get -r</c> against a server that lies in its folder listing (issue 14: "never writing outside the output directory
/// whatever names the server returns"): names with separators, "..", absolute paths or control characters are refused with the
/// protocol exit code before anything is written, and nothing appears outside the output folder.
/// </summary>
public sealed class HostileListingTests : IDisposable
{
    private readonly TempDirectory _dir = new("baton-hostile-");

    [Theory]
    [InlineData("..")]
    [InlineData("../escape.txt")]
    [InlineData("/tmp/baton-hostile-absolute.txt")]
    [InlineData("sub/inner.txt")]
    [InlineData("back\\\\slash.txt")]
    [InlineData("bell\\u0007.txt")]
    public async Task A_listed_name_that_would_leave_the_output_folder_is_refused_and_nothing_is_written(string hostile)
    {
        await using var app = await StartAsync($$"""{"path":"","entries":[{"name":"fine.txt","path":"fine.txt","type":"file","size":4},{"name":"{{hostile}}","path":"x","type":"file","size":4}]}""");
        var output = _dir.Combine("out");

        var get = await BatonCli.RunAsync(["get", "-r", app.Url + "files/", "-o", output]);

        Assert.True(get.ExitCode == 8, get.Output);
        Assert.Contains("unsafe name", get.Output);
        Assert.All(Directory.GetFileSystemEntries(_dir.Path), p => Assert.Equal(output, p));
        Assert.Empty(Directory.Exists(output) ? Directory.GetFileSystemEntries(output) : []);
        Assert.False(File.Exists("/tmp/baton-hostile-absolute.txt"));
    }

    private static async Task<Fake> StartAsync(string listing)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/api/files", () => Results.Text(listing, "application/json"));
        app.MapGet("/files/{**path}", () => Results.Text("data"));
        await app.StartAsync();
        return new Fake(app);
    }

    private sealed class Fake(WebApplication app) : IAsyncDisposable
    {
        public string Url => app.Urls.First().TrimEnd('/') + "/";

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }

    public void Dispose() => _dir.Dispose();
}
