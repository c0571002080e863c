using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Baton.Cluster.Tests.Hosting;
using Baton.Cluster.Tests.Postgres;
using Baton.Testing;
using Npgsql;

namespace Baton.Cluster.Tests.Instances;

/// <summary>
/// Two instances on one database and one bucket: a token created with <c>baton token create --cluster</c> works on both and its
/// revocation counts on both; a link signed on one downloads from the other; handed-out URLs are on the public base URL; a rate
/// limit of N per minute holds for both together; <c>/readyz</c> names PostgreSQL while it does not answer.
/// </summary>
[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class SharedAuthTests(RgwFixture rgw)
{
    private const string PublicBase = "http://files.example:8443";

    [Fact]
    public async Task Tokens_and_signed_links_of_one_instance_are_accepted_by_the_other()
    {
        var postgres = await TestDatabase.CreateIsolatedConnectionStringAsync();
        var setup = new ClusterSetup(rgw.Engine.Options(), postgres);
        await using var a = await ClusterInstance.StartAsync(setup, o => o.PublicBaseUrl = PublicBase);
        await using var b = await ClusterInstance.StartAsync(setup, o => o.PublicBaseUrl = PublicBase);
        using (var open = await b.Client.GetAsync("api/files"))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode); // no token anywhere yet: open mode on both
        }

        var secret = await CreateTokenAsync(postgres, "ops", "admin");
        await using (var list = await BatonCli.RunAsync(["token", "list", "--cluster", postgres]))
        {
            Assert.Equal(0, list.ExitCode);
            Assert.Contains("ops\tadmin\t/", list.Output, StringComparison.Ordinal);
        }
        using (var anonymous = await b.Client.GetAsync("api/files"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode); // a token exists in the cluster: B is closed too
        }

        var content = Encoding.UTF8.GetBytes("shared by every instance");
        using (var create = Authorized(HttpMethod.Post, "uploads", secret))
        {
            create.Headers.Add("Tus-Resumable", "1.0.0");
            create.Headers.Add("Upload-Length", content.Length.ToString());
            create.Headers.Add("Upload-Metadata", "filename " + Convert.ToBase64String(Encoding.UTF8.GetBytes("shared.txt")));
            create.Content = new ByteArrayContent(content);
            create.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
            using var created = await a.Client.SendAsync(create);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.StartsWith(PublicBase + "/uploads/", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.Equal(PublicBase + "/files/shared.txt", created.Headers.GetValues("Baton-File-Url").Single());
        }
        using (var download = await b.Client.SendAsync(Authorized(HttpMethod.Get, "files/shared.txt", secret)))
        {
            Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
        }

        string link;
        using (var sign = Authorized(HttpMethod.Post, "api/links", secret))
        {
            sign.Content = JsonContent.Create(new { path = "shared.txt", expiresInSeconds = 300 });
            using var signed = await a.Client.SendAsync(sign);
            Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
            link = JsonDocument.Parse(await signed.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!;
        }
        Assert.StartsWith(PublicBase + "/files/shared.txt?", link, StringComparison.Ordinal);
        var onB = link[PublicBase.Length..].TrimStart('/');
        Assert.Equal(content, await b.Client.GetByteArrayAsync(onB)); // signed on A, valid on B: one key for the cluster
        using (var tampered = await b.Client.GetAsync(onB.Replace("exp=", "exp=1", StringComparison.Ordinal)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        }

        await using (var revoke = await BatonCli.RunAsync(["token", "revoke", "ops", "--cluster", postgres]))
        {
            Assert.Equal(0, revoke.ExitCode);
        }
        using (var revoked = await b.Client.SendAsync(Authorized(HttpMethod.Get, "files/shared.txt", secret)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        }
    }

    [Fact]
    public async Task A_rate_limit_of_n_per_minute_holds_for_both_instances_together()
    {
        var postgres = await TestDatabase.CreateIsolatedConnectionStringAsync();
        var setup = new ClusterSetup(rgw.Engine.Options(), postgres);
        await using var a = await ClusterInstance.StartAsync(setup, o => o.Auth.ApiRequestsPerMinute = 4);
        await using var b = await ClusterInstance.StartAsync(setup, o => o.Auth.ApiRequestsPerMinute = 4);

        // A window that ends during the run resets the count: then the run is repeated in the next window (at most once more).
        for (var attempt = 0; ; attempt++)
        {
            var window = await WindowAsync(postgres);
            var statuses = new List<HttpStatusCode>();
            foreach (var server in new[] { a, b, a, b, a, b })
            {
                using var response = await server.Client.GetAsync("api/files");
                statuses.Add(response.StatusCode);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    Assert.InRange(response.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
                }
            }
            if (await WindowAsync(postgres) != window && attempt == 0)
            {
                continue;
            }
            HttpStatusCode[] expected = [.. Enumerable.Repeat(HttpStatusCode.OK, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests];
            Assert.Equal(expected, statuses);
            break;
        }
    }

    [Fact]
    public async Task Readiness_names_postgres_while_it_does_not_answer()
    {
        var direct = new NpgsqlConnectionStringBuilder(await TestDatabase.CreateIsolatedConnectionStringAsync());
        await using var relay = new TcpRelay(new Uri($"tcp://{direct.Host}:{direct.Port}"));
        // Unpooled, so no idle connection cut by the relay is handed out again once it is back.
        var postgres = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Port = relay.Port, Pooling = false }.ConnectionString;
        await using var server = await ClusterInstance.StartAsync(new ClusterSetup(rgw.Engine.Options(), postgres),
            o => o.ReadinessTimeout = TimeSpan.FromSeconds(2));

        using (var ready = await server.Client.GetAsync("readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }
        relay.Stop();
        using (var down = await server.Client.GetAsync("readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
            Assert.NotNull(down.Headers.RetryAfter);
            var problem = JsonDocument.Parse(await down.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("urn:baton:problem:not-ready", problem.GetProperty("type").GetString());
            Assert.Equal(["postgres"], problem.GetProperty("down").EnumerateArray().Select(e => e.GetString()!).ToArray());
        }
        using (var files = await server.Client.GetAsync("api/files"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, files.StatusCode); // tokens are in PostgreSQL: 503, never a 500 or 401
            Assert.NotNull(files.Headers.RetryAfter);
        }
        relay.Start();
        using (var back = await server.Client.GetAsync("readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        }
    }

    private static async Task<string> CreateTokenAsync(string postgres, string name, string permissions)
    {
        await using var run = await BatonCli.RunAsync(["token", "create", name, "--can", permissions, "--cluster", postgres]);
        Assert.True(run.ExitCode == 0, run.Output);
        return run.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("bt_", StringComparison.Ordinal));
    }

    private static HttpRequestMessage Authorized(HttpMethod method, string path, string secret) =>
        new(method, path) { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", secret) } };

    private static async Task<DateTime> WindowAsync(string postgres)
    {
        await using var source = NpgsqlDataSource.Create(postgres);
        await using var command = source.CreateCommand("SELECT date_trunc('minute', now())");
        return (DateTime)(await command.ExecuteScalarAsync())!;
    }
}
