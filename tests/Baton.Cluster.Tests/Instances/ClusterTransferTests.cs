using System.Security.Cryptography;
using System.Text.Json;
using Baton.Cluster.Tests.Rig;
using Baton.Testing.Cluster;
using Baton.Testing;

namespace Baton.Cluster.Tests.Instances;

/// <summary>
/// Three instances behind nginx round-robin (docs/cluster.md): real clients upload and download through the balancer, their
/// requests land on different instances (each instance's request log shows them), and every byte arrives intact.
/// </summary>
[Collection(ClusterCollection.Name)]
[Trait("Speed", "Slow")]
public sealed class ClusterTransferTests(ClusterFixture cluster) : IDisposable
{
    private const int MiB = 1 << 20;
    private readonly TempDirectory _work = new("baton-cluster-transfer-");

    private ClusterRig Rig => cluster.Rig;

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Tus_js_client_64_MiB_in_5_MiB_chunks_spreads_its_PATCHes_over_every_instance()
    {
        var source = _work.WriteRandomFile("tus-64.bin", 64 * MiB, seed: 64);
        var options = new { endpoint = new Uri(cluster.Url, "uploads").AbsoluteUri, file = source, name = "tus-64.bin", chunkSize = 5 * MiB };

        var node = await RunningProcess.RunAsync("node", [Path.Combine(PeersFolder, "tus-upload.mjs"), JsonSerializer.Serialize(options)],
            TimeSpan.FromMinutes(2), PeersFolder);

        Assert.True(node.ExitCode == 0, node.Output);
        var upload = new Uri(node.Output.Split('\n').Single(l => l.StartsWith("done ", StringComparison.Ordinal))["done ".Length..].Trim()).AbsolutePath;
        // 13 PATCHes in turn over three instances: each instance took part in the one upload.
        Assert.All(Rig.Instances, i => Assert.True(i.Started("PATCH", upload) > 0, $"{i.Id} served no PATCH of {upload}"));
        Assert.Equal(Sha256(source), await DownloadSha256Async("files/tus-64.bin"));
    }

    [Fact]
    public async Task Put_in_4_parallel_parts_then_get_with_4_connections_and_aria2c_across_instances_byte_identical()
    {
        var source = _work.WriteRandomFile("put-24.bin", 24 * MiB + 7, seed: 24);
        var patchesBefore = Rig.Instances.Select(i => i.Started("PATCH", "/uploads/")).ToArray();

        var put = await BatonCli.RunAsync(["put", source, new Uri(cluster.Url, "uploads").AbsoluteUri, "--parallel", "4", "--chunk-size", "2m"],
            TimeSpan.FromMinutes(2), environment: new Dictionary<string, string?> { ["XDG_STATE_HOME"] = _work.Combine("state") });

        Assert.True(put.ExitCode == 0, put.Output);
        Assert.Contains("4 parallel parts", put.Output);
        var patched = Rig.Instances.Select((i, n) => i.Started("PATCH", "/uploads/") - patchesBefore[n]).ToArray();
        Assert.True(patched.Count(n => n > 0) >= 2, $"PATCHes per instance: {string.Join(", ", patched)}");
        var fileUrl = put.Output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith(cluster.Url.AbsoluteUri, StringComparison.Ordinal));
        var path = new Uri(fileUrl).AbsolutePath;

        var gotten = _work.Combine("get.bin");
        var get = await BatonCli.RunAsync(["get", fileUrl, "-o", gotten, "-c", "4"], TimeSpan.FromMinutes(2));
        Assert.True(get.ExitCode == 0, get.Output);
        Assert.Equal(Sha256(source), Sha256(gotten));

        var aria = await RunningProcess.RunAsync("aria2c",
            ["-x4", "-s4", "-k1M", "--min-split-size=1M", "--file-allocation=none", "--allow-overwrite=true", "-d", _work.Path, "-o", "aria.bin", fileUrl],
            TimeSpan.FromMinutes(2));
        Assert.True(aria.ExitCode == 0, aria.Output);
        Assert.Equal(Sha256(source), Sha256(_work.Combine("aria.bin")));
        // Ranged GETs of both clients went round the instances.
        var gets = Rig.Instances.Select(i => i.Started("GET", path)).ToArray();
        Assert.True(gets.Count(n => n > 0) >= 2, $"GETs of {path} per instance: {string.Join(", ", gets)}");
    }

    private async Task<string> DownloadSha256Async(string relative)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        await using var body = await http.GetStreamAsync(new Uri(cluster.Url, relative));
        return Convert.ToHexString(await SHA256.HashDataAsync(body));
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    private static string PeersFolder => Path.Combine(BatonCli.RepositoryRoot, "tests", "peers");
}
