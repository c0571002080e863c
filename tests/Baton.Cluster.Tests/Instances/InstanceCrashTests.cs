using System.Security.Cryptography;
using Baton.Cluster.Tests.Rig;
using Baton.Testing.Cluster;
using Baton.Testing;
using Baton.Testing.Faults;
using Xunit.Abstractions;

namespace Baton.Cluster.Tests.Instances;

/// <summary>
/// <c>kill -9</c> of the instance in the middle of a PATCH (known to the byte: a <see cref="FaultProxy"/> in front of nginx holds
/// the client's stream there,
/// on the cluster's public address): the client resumes through the others, no instance ever reports less than an acknowledged offset,
/// the file is byte-identical, and the dead instance's lock went with its PostgreSQL session — no expiry waited for.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Speed", "Slow")]
public sealed class InstanceCrashTests(ClusterFixture cluster, ITestOutputHelper output) : IDisposable
{
    private const int MiB = 1 << 20;
    private readonly TempDirectory _work = new("baton-cluster-crash-");
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromMinutes(1) };

    private ClusterRig Rig => cluster.Rig;

    public void Dispose()
    {
        _http.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task Kill_9_of_the_instance_mid_PATCH_the_client_resumes_through_the_others_byte_identical()
    {
        var source = _work.WriteRandomFile("crash.bin", 24 * MiB, seed: 9);
        var offsets = new AcknowledgedOffsets();
        var holding = 1;
        // The first client connection that carries 12 MiB + 12,345 bytes to the cluster is held there: in the second 8 MiB PATCH.
        cluster.ClientPlan = () => Volatile.Read(ref holding) == 1 ? FaultPlan.Hold(FaultDirection.ToServer, 12 * MiB + 12_345) : FaultPlan.Pass;
        cluster.ClientObserver = offsets.Observe;
        cluster.Log = output.WriteLine;
        var door = cluster.Door;
        var holdsBefore = door.HoldsReached;
        await using var put = BatonCli.Start(["put", source, new Uri(cluster.Url, "uploads").AbsoluteUri, "--chunk-size", "8m", "--retries", "20"],
            environment: new Dictionary<string, string?> { ["XDG_STATE_HOME"] = _work.Combine("state") });
        try
        {
            await door.WaitUntilAsync(p => p.HoldsReached > holdsBefore, TimeSpan.FromSeconds(90), "the hold in the second PATCH");
            Volatile.Write(ref holding, 0);
            var upload = offsets.All.Select(a => a.Upload).First(u => u.Contains("/uploads/", StringComparison.Ordinal));
            var victim = await HolderOfTheOpenPatchAsync(upload);
            var acknowledged = offsets.All.Where(a => a.Upload == upload).Max(a => a.Offset);
            output.WriteLine($"held PATCH of {upload} is on {victim.Id}; acknowledged so far {acknowledged}");

            await victim.KillAsync();

            // Its session (and with it the advisory lock) ends with the process: PostgreSQL sees the socket close.
            await Eventually.HoldsAsync(async () => !await ClusterSessions.HasSessionsAsync(Rig, victim), TimeSpan.FromSeconds(10), $"{victim.Id}'s sessions to end");
            Assert.DoesNotContain(victim.Id, await ClusterSessions.LockHoldersAsync(Rig));
            foreach (var survivor in Rig.Instances.Where(i => i != victim))
            {
                Assert.InRange(await TusRequests.OffsetAsync(_http, survivor.Url, upload), acknowledged, new FileInfo(source).Length);
            }

            door.ReleaseHolds();
            await put.WaitForExitAsync(TimeSpan.FromMinutes(2));
            Assert.True(put.ExitCode == 0, put.Output);

            foreach (var group in offsets.All.GroupBy(a => a.Upload))
            {
                var sequence = group.OrderBy(a => a.Sequence).Select(a => a.Offset).ToList();
                output.WriteLine($"{group.Key}: {string.Join(' ', sequence)}");
                Assert.Equal(sequence.Order(), sequence); // never below an acknowledged offset
            }
            using var download = await _http.GetAsync(new Uri(cluster.Url, "files/crash.bin"));
            Assert.Equal(SHA256.HashData(await File.ReadAllBytesAsync(source)), SHA256.HashData(await download.Content.ReadAsByteArrayAsync()));
        }
        finally
        {
            Volatile.Write(ref holding, 0);
            cluster.ClientPlan = () => FaultPlan.Pass;
            cluster.ClientObserver = null;
            cluster.Log = null;
            door.ReleaseHolds();
            await Rig.RestartDeadInstancesAsync();
        }
    }

    /// <summary>The instance that started a PATCH of <paramref name="upload"/> and has not finished it (its log says so).</summary>
    private async Task<ClusterInstance> HolderOfTheOpenPatchAsync(string upload)
    {
        ClusterInstance[] open = [];
        await Eventually.HoldsAsync(() =>
        {
            open = [.. Rig.Instances.Where(i => i.Started("PATCH", upload) > i.Finished("PATCH", upload))];
            return open.Length == 1;
        }, TimeSpan.FromSeconds(10), "one instance with an open PATCH in its log");
        return open[0];
    }
}
