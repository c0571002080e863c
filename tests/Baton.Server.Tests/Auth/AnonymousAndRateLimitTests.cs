using System.Net;
using Baton.Server.Auth;

namespace Baton.Server.Tests.Auth;

/// <summary>Configured anonymous permissions, and the per-caller rate limit (429 + Retry-After).</summary>
public sealed class AnonymousAndRateLimitTests
{
    [Fact]
    public async Task Anonymous_gets_exactly_the_configured_permissions()
    {
        var auth = new AuthTestServer { Configure = o => o.Auth.AnonymousPermissions = [BatonPermissions.Download] };
        await auth.InitializeAsync();
        try
        {
            using var get = await auth.Server.Client.GetAsync("files/a.txt");
            using var list = await auth.Server.Client.GetAsync("api/files");
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        }
        finally
        {
            await auth.DisposeAsync();
        }
    }

    [Fact]
    public async Task Over_the_limit_a_caller_gets_429_with_retry_after_and_others_are_unaffected()
    {
        var auth = new AuthTestServer { Configure = o => o.Auth.ApiRequestsPerMinute = 3 };
        await auth.InitializeAsync();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                using var ok = await auth.Server.Client.SendAsync(auth.Request(HttpMethod.Get, "api/files", AuthTestServer.ReaderToken));
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            }
            using var limited = await auth.Server.Client.SendAsync(auth.Request(HttpMethod.Get, "api/files", AuthTestServer.ReaderToken));
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero);
            Assert.Contains("urn:baton:problem:rate-limited", await limited.Content.ReadAsStringAsync());
            using var other = await auth.Server.Client.SendAsync(auth.Request(HttpMethod.Get, "api/files", AuthTestServer.AdminToken));
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        }
        finally
        {
            await auth.DisposeAsync();
        }
    }
}
