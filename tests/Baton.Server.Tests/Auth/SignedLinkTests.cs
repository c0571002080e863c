using Baton.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Baton.Server.Tests.Auth;

/// <summary>Signed, expiring download links: valid without a token, with Range; tampered in each field, expired, or moved → 403.</summary>
public sealed partial class SignedLinkTests : IAsyncLifetime
{
    private readonly AuthTestServer _auth = new();

    public Task InitializeAsync() => _auth.InitializeAsync();

    public Task DisposeAsync() => _auth.DisposeAsync();

    private async Task<string> CreateLinkAsync(string path, long seconds = 3600)
    {
        using var request = _auth.Request(HttpMethod.Post, "api/links", AuthTestServer.ReaderToken);
        request.Content = JsonContent.Create(new { path, expiresInSeconds = seconds });
        using var response = await _auth.Server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("url").GetString()!;
    }

    private async Task<HttpResponseMessage> GetAnonymously(string url, string? range = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (range is not null)
        {
            request.Headers.TryAddWithoutValidation("Range", range);
        }
        return await _auth.Server.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_valid_link_downloads_without_a_token_and_keeps_working_with_range()
    {
        var url = await CreateLinkAsync("dir/c.txt");
        Assert.StartsWith(_auth.Server.BaseAddress + "files/dir/c.txt?exp=", url);
        using var full = await GetAnonymously(url);
        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("content of dir/c.txt", await full.Content.ReadAsStringAsync());
        using var part = await GetAnonymously(url, "bytes=0-6");
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal("content", await part.Content.ReadAsStringAsync());
        using var head = await _auth.Server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task Non_ascii_names_can_be_signed()
    {
        File.WriteAllText(_auth.Server.Root.Combine("中文.txt"), "你好");
        TestStorage.Publish(_auth.Server.Services, _auth.Server.Root.Path, "中文.txt");
        var url = await CreateLinkAsync("中文.txt");
        using var response = await GetAnonymously(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("你好", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("exp")]
    [InlineData("sig")]
    [InlineData("path")]
    [InlineData("add-max")]
    [InlineData("drop-exp")]
    public async Task A_tampered_link_is_403(string field)
    {
        var url = await CreateLinkAsync("a.txt");
        var tampered = field switch
        {
            "exp" => ExpValue().Replace(url, m => "exp=" + (long.Parse(m.Groups[1].Value) + 3600)),
            "sig" => SigValue().Replace(url, m => "sig=" + (m.Groups[1].Value[0] == 'A' ? 'B' : 'A') + m.Groups[1].Value[1..]),
            "path" => url.Replace("files/a.txt", "files/b.txt", StringComparison.Ordinal),
            "add-max" => url + "&max=10",
            _ => ExpParameter().Replace(url, ""),
        };
        Assert.NotEqual(url, tampered);
        using var response = await GetAnonymously(tampered);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("urn:baton:problem:invalid-link", body);
        Assert.DoesNotContain("content of", body);
    }

    [Fact]
    public async Task An_expired_link_is_403()
    {
        var url = await CreateLinkAsync("a.txt", seconds: 60);
        _auth.Clock.Advance(TimeSpan.FromSeconds(61));
        using var response = await GetAnonymously(url);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_download_link_does_not_allow_delete_or_listing()
    {
        var url = await CreateLinkAsync("a.txt");
        using var delete = await _auth.Server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url));
        Assert.Equal(HttpStatusCode.Forbidden, delete.StatusCode);
        Assert.True(_auth.Server.StoredFileExists("a.txt"));
        var query = url[url.IndexOf('?', StringComparison.Ordinal)..];
        using var list = await GetAnonymously("api/files" + query);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    [Theory]
    [InlineData("""{"path":"a.txt","expiresInSeconds":0}""")]
    [InlineData("""{"path":"a.txt","expiresInSeconds":99999999}""")]
    [InlineData("""{"expiresInSeconds":60}""")]
    [InlineData("""{"path":"../etc/passwd","expiresInSeconds":60}""")]
    [InlineData("""not json""")]
    public async Task Bad_link_requests_are_4xx_problems(string json)
    {
        using var request = _auth.Request(HttpMethod.Post, "api/links", AuthTestServer.AdminToken);
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await _auth.Server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [GeneratedRegex(@"exp=(\d+)")]
    private static partial Regex ExpValue();

    [GeneratedRegex(@"exp=\d+&")]
    private static partial Regex ExpParameter();

    [GeneratedRegex(@"sig=([A-Za-z0-9_-]+)")]
    private static partial Regex SigValue();
}
