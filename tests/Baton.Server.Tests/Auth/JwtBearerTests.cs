using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using Baton.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Baton.Server.Tests.Auth;

/// <summary>JWT bearer validation (ASP.NET Core's handler) beside Baton's own tokens: permissions from the token's claims.</summary>
public sealed class JwtBearerTests : IAsyncLifetime
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private BatonTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await BatonTestServer.StartAsync(o =>
        {
            o.Auth.Jwt.SigningKey = Convert.ToBase64String(Key);
            o.Auth.Jwt.Issuer = "https://idp.test";
            o.Auth.Jwt.Audience = "baton";
        });
        File.WriteAllText(_server.Root.Combine("f.txt"), "jwt-protected");
        TestStorage.Publish(_server.Services, _server.Root.Path, "f.txt");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static string Jwt(string permissions, DateTime? expires = null, string audience = "baton", byte[]? key = null, string? scope = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(scope is null
                ? [new Claim("sub", "carol"), new Claim("baton", permissions)]
                : [new Claim("sub", "carol"), new Claim("baton", permissions), new Claim("baton_scope", scope)]),
            Issuer = "https://idp.test",
            Audience = audience,
            NotBefore = DateTime.UtcNow.AddMinutes(-10),
            Expires = expires ?? DateTime.UtcNow.AddMinutes(10),
            IssuedAt = DateTime.UtcNow.AddMinutes(-10),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), SecurityAlgorithms.HmacSha256),
        });

    private async Task<HttpStatusCode> GetAsync(string url, string? bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        using var response = await _server.Client.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task A_baton_scope_claim_confines_the_caller_to_its_folder_and_a_bad_one_to_nowhere()
    {
        _server.WriteStoredText("home/carol/own.txt", "carol's");

        Assert.Equal(HttpStatusCode.OK, await GetAsync("files/own.txt", Jwt("download", scope: "home/carol")));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync("files/f.txt", Jwt("download", scope: "home/carol")));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync("files/f.txt", Jwt("download", scope: "../..")));     // fail closed
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync("files/home/carol/own.txt", Jwt("download", scope: "../..")));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("files/f.txt", Jwt("download")));
    }

    [Fact]
    public async Task Permissions_come_from_the_tokens_claims()
    {
        Assert.Equal(HttpStatusCode.OK, await GetAsync("files/f.txt", Jwt("download")));
        Assert.Equal(HttpStatusCode.Forbidden, await GetAsync("api/files", Jwt("download")));
        Assert.Equal(HttpStatusCode.OK, await GetAsync("api/files", Jwt("download list")));
    }

    [Fact]
    public async Task Invalid_jwts_and_no_credentials_are_401()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("files/f.txt", null)); // JWT configured: no longer open
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("files/f.txt", Jwt("download", expires: DateTime.UtcNow.AddMinutes(-5))));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("files/f.txt", Jwt("download", audience: "someone-else")));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("files/f.txt", Jwt("download", key: RandomNumberGenerator.GetBytes(32))));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetAsync("files/f.txt", "not-a-jwt"));
    }
}
