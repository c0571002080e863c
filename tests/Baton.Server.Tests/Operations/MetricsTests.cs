using System.Net;
using Baton.Server.Auth;
using Baton.Server.Operations;
using Baton.Server.Tests.Uploads;
using Baton.Testing;

namespace Baton.Server.Tests.Operations;

/// <summary><c>/metrics</c> over real sockets: after a tus upload and a download the scrape shows the bytes and counts, problems
/// by type; two servers in one process keep their figures apart; access follows <see cref="MetricsOptions.Access"/>.</summary>
public sealed class MetricsTests
{
    [Theory]
    [InlineData(MetricsAccess.Loopback, true, false)]
    [InlineData(MetricsAccess.Loopback, false, true)]
    [InlineData(MetricsAccess.Anyone, false, false)]
    [InlineData(MetricsAccess.Admin, true, true)]
    public void Who_needs_an_admin_token_to_scrape(MetricsAccess access, bool loopback, bool needsAdmin) =>
        Assert.Equal(needsAdmin, MetricsGate.NeedsAdmin(access, loopback));

    [Fact]
    public async Task An_upload_and_a_download_show_in_the_scrape_with_problems_by_type()
    {
        await using var server = await BatonTestServer.StartAsync();
        await using var other = await BatonTestServer.StartAsync();
        var content = new byte[300_001];
        new Random(5).NextBytes(content);

        var location = await Tus.CreateAsync(server.Client, content.Length, "m.bin");
        using (var patch = await server.Client.SendAsync(Tus.Patch(location, 0, content)))
        {
            Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        }
        Assert.Equal(content, await server.Client.GetByteArrayAsync("files/m.bin"));
        using (var missing = await server.Client.GetAsync("files/nothing-here.bin"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }
        using (var mismatch = await server.Client.SendAsync(Tus.Patch(location, 7, [1, 2, 3])))
        {
            Assert.Equal(HttpStatusCode.Conflict, mismatch.StatusCode);
        }
        // Traffic on another server in this process must not show in the first one's scrape.
        await Tus.CreateAsync(other.Client, 10, "elsewhere.bin");

        var scrape = await ScrapeAsync(server);
        Assert.Equal(content.Length, scrape.Value("baton_received_bytes_total"));
        Assert.Equal(content.Length, scrape.Value("baton_sent_bytes_total"));
        Assert.Equal(1, scrape.Value("baton_uploads_created_total"));
        Assert.Equal(1, scrape.Value("baton_uploads_completed_total"));
        Assert.Equal(1, scrape.Value("baton_problems_total", "type=\"urn:baton:problem:not-found\"", "status=\"404\""));
        Assert.Equal(2, scrape.Value("baton_problems_total"));
        Assert.True(scrape.Value("baton_lock_wait_seconds_count", "outcome=\"acquired\"") >= 1); // the append (placement may lock too)
        Assert.Equal(0, scrape.Value("baton_lock_wait_seconds_count", "outcome=\"refused\""));
        Assert.Equal(0, scrape.Value("baton_lock_release_requests_total"));
        Assert.Contains("baton_storage_duration_seconds_bucket{", scrape.Text, StringComparison.Ordinal);
        // Durations are in seconds, so the buckets must resolve milliseconds: every storage call of this small upload on loopback
        // (a disk commit, or the S3 calls) ends within 2.5 s, and the first bucket above 0 is 100 µs (OpenTelemetry's default
        // bounds are 0, 5, 10, 25 … — made for milliseconds).
        var calls = scrape.Value("baton_storage_duration_seconds_count");
        Assert.True(calls >= 1);
        Assert.Equal(calls, scrape.Value("baton_storage_duration_seconds_bucket", "le=\"2.5\""));
        Assert.Contains("le=\"0.0001\"", scrape.Text, StringComparison.Ordinal);
        Assert.Contains("direction=\"download\"", scrape.Text, StringComparison.Ordinal);

        var elsewhere = await ScrapeAsync(other);
        Assert.Equal(1, elsewhere.Value("baton_uploads_created_total"));
        Assert.Equal(0, elsewhere.Value("baton_received_bytes_total"));
    }

    [Fact]
    public async Task Metrics_can_be_switched_off()
    {
        await using var server = await BatonTestServer.StartAsync(o => o.Metrics.Enabled = false);
        using var response = await server.Client.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task With_admin_access_a_scrape_needs_an_admin_token()
    {
        await using var server = await BatonTestServer.StartAsync(o =>
        {
            o.Metrics.Access = MetricsAccess.Admin;
            o.Auth.Tokens.Add(new TokenEntry { Name = "ops", Sha256 = TokenStore.Hash("ops-secret"), Permissions = [BatonPermissions.Admin] });
            o.Auth.Tokens.Add(new TokenEntry { Name = "dl", Sha256 = TokenStore.Hash("dl-secret"), Permissions = [BatonPermissions.Download] });
        });
        using (var anonymous = await server.Client.GetAsync("metrics"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        using (var downloader = await server.Client.SendAsync(WithToken("dl-secret")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, downloader.StatusCode);
        }
        using var admin = await server.Client.SendAsync(WithToken("ops-secret"));
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("baton_problems_total{", await admin.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the two refusals
    }

    private static HttpRequestMessage WithToken(string secret) =>
        new(HttpMethod.Get, "metrics") { Headers = { Authorization = new("Bearer", secret) } };

    private static async Task<PrometheusScrape> ScrapeAsync(BatonTestServer server)
    {
        using var response = await server.Client.GetAsync("metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new PrometheusScrape(await response.Content.ReadAsStringAsync());
    }
}
