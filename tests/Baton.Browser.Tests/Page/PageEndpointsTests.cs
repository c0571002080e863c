using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Testing;

namespace Baton.Browser.Tests.Page;

/// <summary>The page's routes over real sockets: document, assets, config, path base.</summary>
public sealed class PageEndpointsTests
{
    [Fact]
    public async Task Root_serves_the_page_with_strict_security_headers()
    {
        await using var server = await BatonTestServer.StartAsync();

        using var response = await server.Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<script type=\"module\" src=\"assets/app.js\"></script>", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
    }

    [Theory]
    [InlineData("/assets/app.js", "text/javascript")]
    [InlineData("/assets/style.css", "text/css")]
    public async Task Assets_are_served_with_their_type_and_revalidate_by_etag(string path, string mediaType)
    {
        await using var server = await BatonTestServer.StartAsync();

        using var first = await server.Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(mediaType, first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", Assert.Single(first.Headers.GetValues("X-Content-Type-Options")));
        Assert.True((await first.Content.ReadAsByteArrayAsync()).Length > 1000);
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(etag);
        using var revalidated = await server.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    [Fact]
    public async Task Unknown_asset_is_a_404_problem()
    {
        await using var server = await BatonTestServer.StartAsync();

        using var response = await server.Client.GetAsync("/assets/nope.js");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Config_reports_the_upload_settings()
    {
        await using var server = await BatonTestServer.StartAsync(o =>
        {
            o.Uploads.MaxSize = 123_456_789;
            o.Uploads.AllowedExtensions = [".bin", ".txt"];
            o.Uploads.AllowedMediaTypes = ["application/*"];
            o.Uploads.SuggestedChunkSize = 2 * 1024 * 1024;
            o.Uploads.SuggestedParallelUploads = 3;
        });

        using var response = await server.Client.GetAsync("/api/config");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var config = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("/uploads", config.GetProperty("uploadEndpoint").GetString());
        Assert.Equal(2 * 1024 * 1024, config.GetProperty("chunkSize").GetInt32());
        Assert.Equal(3, config.GetProperty("parallelUploads").GetInt32());
        Assert.Equal(123_456_789, config.GetProperty("maxSize").GetInt64());
        Assert.Equal([".bin", ".txt"], config.GetProperty("allowedExtensions").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["application/*"], config.GetProperty("allowedMediaTypes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("none", config.GetProperty("auth").GetString());
    }

    [Fact]
    public async Task Config_reports_bearer_auth_once_a_token_exists()
    {
        await using var server = await BatonTestServer.StartAsync(o => o.Auth.Tokens =
            [new Baton.Server.Auth.TokenEntry { Name = "t", Sha256 = Baton.Server.Auth.TokenStore.Hash("x"), Permissions = [Baton.Server.Auth.BatonPermissions.List] }]);

        var config = await server.Client.GetFromJsonAsync<JsonElement>("/api/config");
        using var page = await server.Client.GetAsync("/");

        Assert.Equal("bearer", config.GetProperty("auth").GetString());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Config_reports_no_size_limit_as_null()
    {
        await using var server = await BatonTestServer.StartAsync();

        var config = await server.Client.GetFromJsonAsync<JsonElement>("/api/config");

        Assert.Equal(JsonValueKind.Null, config.GetProperty("maxSize").ValueKind);
        Assert.Empty(config.GetProperty("allowedExtensions").EnumerateArray());
    }

    [Fact]
    public async Task Under_a_path_base_the_page_is_redirected_to_its_folder_and_addresses_uploads_there()
    {
        await using var server = await BatonTestServer.StartAsync(o => o.PathBase = "/baton");
        using var noRedirects = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.BaseAddress };

        using var bare = await noRedirects.GetAsync("/baton");
        Assert.Equal(HttpStatusCode.Redirect, bare.StatusCode);
        Assert.Equal("/baton/", bare.Headers.Location?.OriginalString);

        using var page = await noRedirects.GetAsync("/baton/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var asset = await noRedirects.GetAsync("/baton/assets/app.js");
        Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
        var config = await noRedirects.GetFromJsonAsync<JsonElement>("/baton/api/config");
        Assert.Equal("/baton/uploads", config.GetProperty("uploadEndpoint").GetString());
    }
}
