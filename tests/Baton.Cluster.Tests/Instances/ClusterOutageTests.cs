using System.Net;
using Baton.Cluster.Tests.Rig;
using Baton.Testing.Cluster;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.Cluster.Tests.Instances;

/// <summary>
/// PostgreSQL unreachable during uploads (the relay every instance connects through stops: sessions reset, new connections
/// refused — what a restart looks like from the instances): requests get 503 + Retry-After while it is away, nothing
/// acknowledged is lost, and the cluster serves again by itself once it is back.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Speed", "Slow")]
public sealed class ClusterOutageTests(ClusterFixture cluster, ITestOutputHelper output) : IDisposable
{
    private const int MiB = 1 << 20;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(1) };

    private ClusterRig Rig => cluster.Rig;

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task While_PostgreSQL_is_away_requests_get_503_with_Retry_After_and_the_upload_resumes_by_itself()
    {
        var content = new byte[8 * MiB];
        new Random(13).NextBytes(content);
        var upload = await TusRequests.CreateAsync(_http, cluster.Url, content.Length, "outage.bin");
        using (var first = await _http.SendAsync(TusRequests.Patch(cluster.Url, upload, 0, new ByteArrayContent(content, 0, 3 * MiB))))
        {
            Assert.True(first.IsSuccessStatusCode, $"{first.StatusCode}");
        }
        long acknowledged = 3 * MiB;
        // A slow PATCH in flight on one instance when PostgreSQL goes: its lock's session dies with the relay.
        await using var slow = await SlowPatch.StartAsync(Rig.Instances[0].Url, upload, 3 * MiB, content.AsMemory(3 * MiB), 64 * 1024,
            TimeSpan.FromMilliseconds(50), MiB / 2);
        await slow.Reached.WaitAsync(TimeSpan.FromSeconds(30));

        cluster.PostgresRelay.Stop();
        try
        {
            foreach (var instance in Rig.Instances)
            {
                using var head = await TusRequests.HeadAsync(_http, instance.Url, upload);
                AssertUnavailable(head, $"HEAD on {instance.Id}");
            }
            using (var post = await TusRequests.PostAsync(_http, cluster.Url, 1000, "during-outage.bin"))
            {
                AssertUnavailable(post, "POST");
            }
            using (var patch = await _http.SendAsync(TusRequests.Patch(Rig.Instances[1].Url, upload, acknowledged, new ByteArrayContent(content, (int)acknowledged, MiB))))
            {
                AssertUnavailable(patch, "PATCH");
            }
            // The PATCH in flight ends: with the offset it made durable, or 503 (nothing acknowledged).
            var (status, fields) = await slow.Response.WaitAsync(TimeSpan.FromSeconds(30));
            output.WriteLine($"in-flight PATCH: {status} after {slow.Sent} bytes sent");
            if (status is >= 200 and < 300)
            {
                acknowledged = Math.Max(acknowledged, slow.Offset(fields));
            }
            else
            {
                Assert.Equal(503, status);
            }
        }
        finally
        {
            cluster.PostgresRelay.Start();
        }

        // Back by itself: no instance restarted, the pools reconnect on the next request.
        long offset = -1;
        await Eventually.HoldsAsync(async () =>
        {
            using var head = await TusRequests.HeadAsync(_http, cluster.Url, upload);
            offset = head.IsSuccessStatusCode ? TusRequests.OffsetOf(head) : -1;
            return offset >= 0;
        }, TimeSpan.FromSeconds(30), "HEAD to succeed again");
        output.WriteLine($"acknowledged {acknowledged}, offset after the outage {offset}");
        Assert.InRange(offset, acknowledged, content.Length);
        foreach (var instance in Rig.Instances)
        {
            Assert.InRange(await TusRequests.OffsetAsync(_http, instance.Url, upload), acknowledged, content.Length);
        }
        await TusRequests.CompleteAsync(_http, cluster.Url, upload, content);
        Assert.Equal(content, await _http.GetByteArrayAsync(new Uri(cluster.Url, "files/outage.bin")));
        using var after = await TusRequests.PostAsync(_http, cluster.Url, 1000, "after-outage.bin");
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }

    private static void AssertUnavailable(HttpResponseMessage response, string what)
    {
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{what}: {(int)response.StatusCode}, not 503");
        Assert.True(response.Headers.RetryAfter is not null, $"{what}: 503 without Retry-After");
    }
}
