using System.Net;
using System.Net.Http.Headers;
using Baton.Cluster.Tests.Rig;
using Baton.Testing.Cluster;
using Baton.Server.Files;
using Xunit.Abstractions;

namespace Baton.Cluster.Tests.Instances;

/// <summary>A token's storage quota and the per-caller rate limit hold for the cluster, not per instance.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Speed", "Slow")]
public sealed class ClusterLimitsTests(ClusterFixture cluster, ITestOutputHelper output) : IDisposable
{
    private const int MiB = 1 << 20;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(1) };

    private ClusterRig Rig => cluster.Rig;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task A_quota_filled_through_one_instance_refuses_uploads_on_the_others()
    {
        var content = new byte[2 * MiB];
        new Random(3).NextBytes(content);
        var first = Rig.Instances[0].Url;
        var upload = await TusRequests.CreateAsync(_http, first, content.Length, "quota-1.bin", ClusterFixture.QuotaToken);
        using (var patch = await _http.SendAsync(TusRequests.Patch(first, upload, 0, new ByteArrayContent(content), ClusterFixture.QuotaToken)))
        {
            Assert.True(patch.IsSuccessStatusCode, $"{patch.StatusCode}");
        }

        // 2 MiB used of 3: another 2 MiB is refused wherever it is asked for; 1 MiB still fits.
        foreach (var other in Rig.Instances.Skip(1))
        {
            using var refused = await TusRequests.PostAsync(_http, other.Url, 2 * MiB, "quota-2.bin", ClusterFixture.QuotaToken);
            Assert.True(refused.StatusCode == HttpStatusCode.InsufficientStorage, $"{other.Id}: {(int)refused.StatusCode}, not 507");
        }
        using var fits = await TusRequests.PostAsync(_http, Rig.Instances[2].Url, ClusterFixture.QuotaBytes - content.Length, "quota-3.bin",
            ClusterFixture.QuotaToken);
        Assert.Equal(HttpStatusCode.Created, fits.StatusCode);
    }

    [Fact]
    public async Task The_per_caller_API_limit_counts_requests_on_every_instance_together()
    {
        // A fixed window may roll over in the middle of a burst: then the burst is repeated with the second token.
        var verdicts = new List<string>();
        foreach (var token in new[] { ClusterFixture.ListToken, ClusterFixture.SecondListToken })
        {
            var (allowed, limited, served) = await BurstAsync(token, ClusterFixture.ApiRequestsPerMinute + 6);
            verdicts.Add($"{allowed} allowed, {limited} limited, instances {string.Join('/', served)}");
            output.WriteLine(verdicts[^1]);
            if (allowed == ClusterFixture.ApiRequestsPerMinute && limited == 6)
            {
                return;
            }
        }
        Assert.Fail($"expected {ClusterFixture.ApiRequestsPerMinute} allowed and 6 limited across the cluster: {string.Join("; ", verdicts)}");
    }

    private async Task<(int Allowed, int Limited, int[] Served)> BurstAsync(string token, int requests)
    {
        var before = Rig.Instances.Select(i => i.Started("GET", FilesEndpoints.ListPath)).ToArray();
        int allowed = 0, limited = 0;
        for (var i = 0; i < requests; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(cluster.Url, FilesEndpoints.ListPath.TrimStart('/')));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _http.SendAsync(request);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.NotNull(response.Headers.RetryAfter);
                limited++;
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                allowed++;
            }
        }
        return (allowed, limited, [.. Rig.Instances.Select((i, n) => i.Started("GET", FilesEndpoints.ListPath) - before[n])]);
    }
}
