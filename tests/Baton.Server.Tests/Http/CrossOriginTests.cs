using System.Net;
using Baton.Server.Auth;
using Baton.Testing;

namespace Baton.Server.Tests.Http;

/// <summary>CORS on the download side for configured origins: preflight, exposed headers, errors readable, other origins refused.</summary>
public sealed class CrossOriginTests : IAsyncLifetime
{
    private const string Allowed = "https://app.example";
    private BatonTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await BatonTestServer.StartAsync(o =>
        {
            o.CorsOrigins = [Allowed];
            o.Auth.Tokens = [new TokenEntry { Name = "t", Sha256 = TokenStore.Hash("secret"), Permissions = [BatonPermissions.Download] }];
        });
        File.WriteAllText(_server.Root.Combine("a.txt"), "cors");
        TestStorage.Publish(_server.Services, _server.Root.Path, "a.txt");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static HttpRequestMessage From(HttpMethod method, string url, string origin)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("Origin", origin);
        return request;
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered_with_the_asked_headers()
    {
        using var request = From(HttpMethod.Options, "files/a.txt", Allowed);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, range");
        using var response = await _server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(Allowed, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("authorization, range", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Credentials")); // tokens travel in a header, not cookies
    }

    [Fact]
    public async Task Responses_expose_range_and_digest_headers_and_errors_stay_readable()
    {
        using var ok = From(HttpMethod.Get, "files/a.txt", Allowed);
        ok.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "secret");
        using var response = await _server.Client.SendAsync(ok);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Allowed, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Content-Range", response.Headers.GetValues("Access-Control-Expose-Headers").Single());

        using var unauthorized = await _server.Client.SendAsync(From(HttpMethod.Get, "files/a.txt", Allowed));
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(Allowed, unauthorized.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Other_origins_get_no_cors_headers()
    {
        using var request = From(HttpMethod.Options, "api/files", "https://evil.example");
        request.Headers.Add("Access-Control-Request-Method", "GET");
        using var response = await _server.Client.SendAsync(request);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
