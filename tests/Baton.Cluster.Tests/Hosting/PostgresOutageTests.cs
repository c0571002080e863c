using System.Net;
using System.Text.Json;
using Baton.Cluster.Tests.Postgres;
using Baton.Server.Tests.Uploads;
using Baton.Testing;
using Npgsql;

namespace Baton.Cluster.Tests.Hosting;

/// <summary>
/// PostgreSQL going away under a cluster instance — cut by a <see cref="TcpRelay"/> in front of the shared test database (never
/// by stopping it): requests that need it answer 503 + Retry-After with the storage-unavailable problem, nothing acknowledged is
/// lost, and once it is reachable again the instance serves without a restart.
/// </summary>
[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class PostgresOutageTests(RgwFixture rgw)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task An_unreachable_database_gives_503_with_retry_after_and_the_upload_resumes_when_it_is_back()
    {
        var direct = new NpgsqlConnectionStringBuilder(await TestDatabase.CreateIsolatedConnectionStringAsync("baton-outage-tests"));
        await using var relay = new TcpRelay(new Uri($"tcp://{direct.Host}:{direct.Port}"));
        var viaRelay = new NpgsqlConnectionStringBuilder(direct.ConnectionString) { Port = relay.Port, Timeout = 5 };
        var storage = rgw.Engine.Options();
        storage.PartSize = 5 * MiB;
        await using var server = await ClusterInstance.StartAsync(new ClusterSetup(storage, viaRelay.ConnectionString));
        var content = new byte[3 * MiB + 7];
        new Random(5).NextBytes(content);
        var location = await Tus.CreateAsync(server.Client, content.Length, "outage.bin");
        using (var first = await server.Client.SendAsync(Tus.Patch(location, 0, content[..MiB])))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        }

        relay.Stop();

        using (var patch = await server.Client.SendAsync(Tus.Patch(location, MiB, content[MiB..])))
        {
            await AssertUnavailableAsync(patch, direct.Password!);
        }
        using (var head = await server.Client.SendAsync(Tus.Head(location)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, head.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(2), head.Headers.RetryAfter?.Delta);
        }
        using (var create = await server.Client.SendAsync(Tus.Create(10, "later.bin")))
        {
            await AssertUnavailableAsync(create, direct.Password!);
        }

        relay.Start();

        using (var head = await server.Client.SendAsync(Tus.Head(location)))
        {
            Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
            Assert.Equal(MiB.ToString(), Tus.Header(head, "Upload-Offset")); // exactly what was acknowledged before
        }
        using (var resumed = await server.Client.SendAsync(Tus.Patch(location, MiB, content[MiB..])))
        {
            Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);
        }
        Assert.Equal(content, await server.Client.GetByteArrayAsync("files/outage.bin"));
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response, string password)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(TimeSpan.FromSeconds(2), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(password, body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("urn:baton:problem:storage-unavailable", problem.RootElement.GetProperty("type").GetString());
    }
}
