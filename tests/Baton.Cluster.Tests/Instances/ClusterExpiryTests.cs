using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Baton.Cluster.Tests.Rig;
using Baton.Testing.Cluster;
using Xunit.Abstractions;

namespace Baton.Cluster.Tests.Instances;

/// <summary>
/// Expiry across instances: every instance sweeps, and an abandoned upload is removed exactly once (one instance's sweep takes
/// it). A cluster of its own with a short expiration, so the shared one keeps the default.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Speed", "Slow")]
public sealed partial class ClusterExpiryTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Expiration = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(1);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(1) };
    private ClusterRig? _rig;

    public async Task InitializeAsync() => _rig = await ClusterRig.StartAsync(new Dictionary<string, string?>
    {
        ["BATON_UPLOADS__EXPIRATION"] = Expiration.ToString("c", CultureInfo.InvariantCulture),
        ["BATON_UPLOADS__EXPIRYSWEEPINTERVAL"] = SweepInterval.ToString("c", CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_rig is not null)
        {
            await _rig.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_abandoned_upload_is_removed_exactly_once_across_the_instances()
    {
        var rig = _rig!;
        var content = new byte[1 << 20];
        new Random(7).NextBytes(content);
        var upload = await TusRequests.CreateAsync(_http, rig.Url, 4 * content.Length, "abandoned.bin");
        using (var patch = await _http.SendAsync(TusRequests.Patch(rig.Url, upload, 0, new ByteArrayContent(content))))
        {
            Assert.True(patch.IsSuccessStatusCode, $"{patch.StatusCode}");
        }

        await Eventually.HoldsAsync(async () =>
        {
            using var head = await TusRequests.HeadAsync(_http, rig.Instances[0].Url, upload);
            return head.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone;
        }, TimeSpan.FromSeconds(30), "the upload to expire");
        await Eventually.HoldsAsync(() => Removed(rig) >= 1, TimeSpan.FromSeconds(10), "a sweep to report the removal");
        // Proving "only once" needs a window in which a second removal would show: three more sweeps of every instance.
        await Task.Delay(3 * SweepInterval);

        var reports = rig.Instances.SelectMany(i => i.Lines("expired uploads").Select(l => $"{i.Id}: {l}")).ToList();
        output.WriteLine(string.Join('\n', reports));
        Assert.Equal(1, Removed(rig));
        foreach (var instance in rig.Instances)
        {
            using var head = await TusRequests.HeadAsync(_http, instance.Url, upload);
            Assert.True(head.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone, $"{instance.Id}: {head.StatusCode}");
        }
    }

    /// <summary>Uploads the instances' sweeps reported removing ("Removed N expired uploads"), all together.</summary>
    private static int Removed(ClusterRig rig) => rig.Instances
        .SelectMany(i => i.Lines("expired uploads"))
        .Sum(l => RemovedCount().Match(l) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0);

    [GeneratedRegex(@"Removed (\d+) expired uploads")]
    private static partial Regex RemovedCount();
}
