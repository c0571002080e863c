using System.Net;
using System.Text.Json;
using Baton.Server.Auth;
using Baton.Server.Operations;
using Baton.Storage.Hosting;
using Baton.Storage.S3.Hosting;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Tests.Operations;

/// <summary><c>/readyz</c> over real sockets: 200 while the storage answers, 503 + Retry-After + a problem naming it when it does
/// not (a root whose state folder cannot be written; S3 behind a relay that is stopped), 200 again once it is back; anonymous even when tokens
/// are required.</summary>
public sealed class ReadinessTests
{
    [Theory]
    [InlineData(new[] { true, true }, new string[0])]
    [InlineData(new[] { false, true }, new[] { "storage" })]
    [InlineData(new[] { false, false }, new[] { "storage", "postgres" })]
    public void The_verdict_names_each_probe_that_did_not_answer(bool[] answered, string[] down)
    {
        string[] names = ["storage", "postgres"];
        var verdict = ReadinessVerdict.From(names.Select((n, i) => (n, answered[i])));
        Assert.Equal(down, verdict.Down);
        Assert.Equal(down.Length == 0, verdict.Ready);
    }

    [Fact]
    [Trait(TestStorage.Trait, TestStorage.DiskOnly)]
    public async Task A_disk_root_whose_state_folder_cannot_be_written_is_not_ready_until_it_can()
    {
        using var disk = SmallDisk.Mount(4 * 1024 * 1024);
        await using var server = await BatonTestServer.StartAsync(root: disk.Folder);

        await AssertReadyAsync(server);
        disk.SetImmutable(".baton", true);
        try
        {
            await AssertNotReadyAsync(server, "storage");
        }
        finally
        {
            disk.SetImmutable(".baton", false);
        }
        await AssertReadyAsync(server);
    }

    [Fact]
    public async Task Readiness_and_health_need_no_credentials_when_tokens_are_required()
    {
        await using var server = await BatonTestServer.StartAsync(o => o.Auth.Tokens.Add(new TokenEntry
        {
            Name = "ops", Sha256 = TokenStore.Hash("secret"), Permissions = [BatonPermissions.Admin],
        }));
        using (var files = await server.Client.GetAsync("api/files"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, files.StatusCode); // the server is closed…
        }
        await AssertReadyAsync(server); // …its probes are not
        Assert.Equal("ok", await server.Client.GetStringAsync("healthz"));
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public async Task S3_behind_a_stopped_relay_is_not_ready_and_ready_again_once_it_answers()
    {
        var engine = await RgwEngine.StartAsync();
        await using var relay = new TcpRelay(new Uri(engine.Endpoint));
        var settings = engine.Options();
        await using var server = await BatonTestServer.StartAsync(o => o.ReadinessTimeout = TimeSpan.FromSeconds(1), services: s =>
        {
            s.AddBatonS3Storage();
            s.Configure<StorageOptions>(o => o.Kind = S3StorageBackend.S3Kind);
            s.Configure<S3StorageOptions>(o =>
            {
                o.ServiceUrl = relay.Url.ToString();
                o.Bucket = settings.Bucket;
                o.Prefix = settings.Prefix;
                o.AccessKey = settings.AccessKey;
                o.SecretKey = settings.SecretKey;
            });
        });

        await AssertReadyAsync(server);
        relay.Stop();
        await AssertNotReadyAsync(server, "storage");
        relay.Start();
        // The first probe after the outage may still meet the connection the SDK pooled before it (and retry within the 1 s
        // timeout on a loaded machine); readiness must come back on a later probe, as an orchestrator polls it.
        await PollUntilReadyAsync(server, TimeSpan.FromSeconds(30));
    }

    private static async Task PollUntilReadyAsync(BatonTestServer server, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            using var response = await server.Client.GetAsync("readyz");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                break;
            }
            await Task.Delay(200); // a probe interval, as a readiness poller would use
        }
        await AssertReadyAsync(server);
    }

    private static async Task AssertReadyAsync(BatonTestServer server)
    {
        using var response = await server.Client.GetAsync("readyz");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ready", await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertNotReadyAsync(BatonTestServer server, params string[] down)
    {
        using var response = await server.Client.GetAsync("readyz");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("urn:baton:problem:not-ready", problem.RootElement.GetProperty("type").GetString());
        Assert.Equal(down, problem.RootElement.GetProperty("down").EnumerateArray().Select(e => e.GetString()).ToArray());
    }
}
