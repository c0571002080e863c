using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Baton.Testing;

namespace Baton.Server.Tests.Files;

/// <summary>The Files API (docs/files-api.md) and DELETE /files/{path}.</summary>
public sealed class FilesApiTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BatonTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Lists_folders_first_then_files_with_size_etag_digest_and_url()
    {
        var a = _server.WriteRandomFile("docs/a.bin", 1000);
        File.SetLastWriteTimeUtc(a, DateTime.UtcNow.AddHours(-1));
        TestStorage.Publish(_server.Services, _server.Root.Path, "docs/a.bin");
        _server.WriteRandomFile("docs/中文.txt", 10);
        _server.WriteRandomFile("docs/.hidden", 10);
        TestStorage.PublishFolder(_server.Services, _server.Root.Path, "docs/inner");

        var listing = await _server.Client.GetFromJsonAsync<JsonElement>("api/files?path=docs");
        Assert.Equal("docs", listing.GetProperty("path").GetString());
        var entries = listing.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["inner", "a.bin", "中文.txt"], entries.Select(e => e.GetProperty("name").GetString()));
        Assert.Equal("directory", entries[0].GetProperty("type").GetString());
        var file = entries[1];
        Assert.Equal("docs/a.bin", file.GetProperty("path").GetString());
        Assert.Equal(1000, file.GetProperty("size").GetInt64());
        Assert.Equal("/files/docs/a.bin", file.GetProperty("url").GetString());
        Assert.Equal("/files/docs/%E4%B8%AD%E6%96%87.txt", entries[2].GetProperty("url").GetString());

        // the listed ETag and URL are the ones downloads use
        using var download = await _server.Client.GetAsync(file.GetProperty("url").GetString()!.TrimStart('/'));
        Assert.Equal(file.GetProperty("etag").GetString(), download.Headers.ETag!.ToString());

        // the digest becomes known (hashed in the background after the first listing) and matches the file
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? sha = null;
        while (sha is null && DateTime.UtcNow < deadline)
        {
            var again = await _server.Client.GetFromJsonAsync<JsonElement>("api/files?path=docs");
            var entry = again.GetProperty("entries").EnumerateArray().First(e => e.GetProperty("name").GetString() == "a.bin");
            sha = entry.GetProperty("sha256").GetString();
            if (sha is null)
            {
                await Task.Delay(50);
            }
        }
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(a))), sha);
    }

    [Fact]
    public async Task Root_listing_hides_batons_state_folder()
    {
        _server.WriteRandomFile("x.bin", 1);
        var listing = await _server.Client.GetFromJsonAsync<JsonElement>("api/files");
        Assert.Equal(["x.bin"], listing.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
    }

    [Theory]
    [InlineData("api/files?path=missing", HttpStatusCode.NotFound)]
    [InlineData("api/files?path=x.bin", HttpStatusCode.NotFound)]
    [InlineData("api/files?path=a%2F..%2F..", HttpStatusCode.BadRequest)]
    public async Task Bad_paths_are_problem_json(string url, HttpStatusCode status)
    {
        _server.WriteRandomFile("x.bin", 1);
        using var response = await _server.Client.GetAsync(url);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Delete_removes_the_file_and_honours_if_match()
    {
        _server.WriteRandomFile("gone.bin", 100);
        using var refused = await _server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "files/gone.bin")
        {
            Headers = { { "If-Match", "\"not-it\"" } },
        });
        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.True(_server.StoredFileExists("gone.bin"));

        using var deleted = await _server.Client.DeleteAsync("files/gone.bin");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False(_server.StoredFileExists("gone.bin"));
        using var again = await _server.Client.DeleteAsync("files/gone.bin");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Health_endpoint_answers()
    {
        using var response = await _server.Client.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
