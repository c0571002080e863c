using System.Net;
using Baton.Server.Auth;
using Baton.Testing;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Tests.Auth;

/// <summary>
/// A bearer token over plain HTTP from another machine is refused (it crossed the network readable by anyone on the path); over
/// HTTPS, from loopback, or with AllowTokensOverHttp it is accepted. Tests bind only to loopback, so the remote address is set on
/// the request context the handler sees.
/// </summary>
public sealed class TokenTransportTests : IDisposable
{
    private const string Secret = "bt_transport_secret_0123456789";
    private readonly TempDirectory _root = new();

    public void Dispose() => _root.Dispose();

    private async Task<AuthenticateResult> AuthenticateAsync(string remote, string scheme, bool allowHttp = false)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddBaton(o =>
        {
            o.Root = _root.Path;
            o.Auth.AllowTokensOverHttp = allowHttp;
            o.Auth.Tokens = [new TokenEntry { Name = "t", Sha256 = TokenStore.Hash(Secret), Permissions = [BatonPermissions.Download] }];
        });
        await using var provider = services.BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = provider };
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        context.Request.Scheme = scheme;
        context.Request.Path = "/files/a.txt";
        context.Request.Headers.Authorization = "Bearer " + Secret;
        return await context.AuthenticateAsync(BatonAuthenticationHandler.SchemeName);
    }

    [Fact]
    public async Task Plain_http_from_another_machine_is_refused()
    {
        var result = await AuthenticateAsync("192.0.2.7", "http");
        Assert.False(result.Succeeded);
        Assert.Contains("HTTPS", result.Failure!.Message);
    }

    [Theory]
    [InlineData("192.0.2.7", "https", false)]
    [InlineData("127.0.0.1", "http", false)]
    [InlineData("::1", "http", false)]
    [InlineData("192.0.2.7", "http", true)]
    public async Task Https_loopback_or_explicit_permission_is_accepted(string remote, string scheme, bool allowHttp)
    {
        var result = await AuthenticateAsync(remote, scheme, allowHttp);
        Assert.True(result.Succeeded, result.Failure?.Message);
        Assert.Equal("t", result.Principal!.Identity!.Name);
    }
}
