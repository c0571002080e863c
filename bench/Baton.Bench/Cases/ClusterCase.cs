using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Baton.Bench.Load;
using Baton.Bench.Peers;
using Baton.Bench.Stats;
using Baton.Protocol.Tus;
using Baton.Testing;
using Baton.Testing.Cluster;

namespace Baton.Bench.Cases;

/// <summary>
/// Issue 13's cluster case, on the recipe of docs/cluster.md (scripts/cluster-start.sh: shared RGW + PostgreSQL, N instances,
/// nginx round-robin): aggregate upload (concurrent tus-js-client) and download (concurrent curl) throughput with 1, 2 and 3
/// instances behind nginx; the per-PATCH latency cluster mode (PostgreSQL records and locks) adds over one instance on S3 alone;
/// each instance's peak RSS.
/// </summary>
public sealed class ClusterCase : IBenchCase
{
    private const int ChunkSize = 8 << 20;
    private const int Concurrent = 4;
    private const int PatchSize = 1 << 20;

    public string Id => "cluster";

    public async Task<CaseResult> RunAsync(BenchContext context)
    {
        var size = context.Quick ? 16L << 20 : 64L << 20;
        var patches = context.Quick ? 16 : 48;
        var source = context.DataFile("cluster-upload", "up.bin", size);
        var served = context.DataFile("cluster-serve", "big.bin", 2 * size);
        var script = Path.Combine(context.RepositoryRoot, "tests", "peers", "tus-upload.mjs");
        var quiet = new Dictionary<string, string?> { ["BATON_CLUSTER_REQUEST_LOGS"] = "0" };
        var rigs = new List<ClusterRig>();
        try
        {
            foreach (var count in new[] { 1, 2, 3 })
            {
                rigs.Add(await ClusterRig.StartAsync(new Dictionary<string, string?>(quiet) { ["BATON_CLUSTER_SIZE"] = count.ToString(CultureInfo.InvariantCulture) }));
            }
            // Three instances again, nginx routing by URL: one upload's PATCHes stay on one instance while it lives.
            rigs.Add(await ClusterRig.StartAsync(new Dictionary<string, string?>(quiet) { ["BATON_CLUSTER_SIZE"] = "3", ["BATON_CLUSTER_BALANCE"] = "uri-hash" }));
            // One instance on S3 alone (no PostgreSQL, no nginx) on the same RGW: the reference for per-PATCH latency.
            var rgw = await RgwEngine.StartAsync();
            var environment = rgw.Environment("latency/");
            environment["BATON_STORAGE__S3__BUCKET"] = "baton-bench";
            await using var single = await DotnetServer.StartBatonAsync(context, Directory.CreateDirectory(Path.Combine(context.Work, "cluster-single")).FullName,
                [.. environment.Select(e => $"{e.Key}={e.Value}")]);

            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(10) };
            foreach (var rig in rigs)
            {
                await RunTusAsync(script, new Uri(rig.Url, "uploads"), served, "big.bin");
                foreach (var instance in rig.Instances)
                {
                    ProcessMemory.ResetPeak(instance.Pid);
                }
            }
            ProcessMemory.ResetPeak(single.ProcessId);

            var upload = new List<(string, Func<Task<double>>)>();
            var download = new List<(string, Func<Task<double>>)>();
            var latency = new List<(string, Func<Task<double>>)>();
            var samples = new Dictionary<string, List<double>>();
            var heads = new List<string>();
            var round = 0;
            foreach (var (rig, index) in rigs.Select((r, i) => (r, i)))
            {
                var n = rig.Instances.Count;
                var instances = $"{n} instance{(n > 1 ? "s" : "")}{(index == 3 ? ", hash $uri" : "")}";
                upload.Add(($"upload: {Concurrent} × tus-js-client → nginx → {instances} (MiB/s)",
                    () => UploadAsync(http, script, rig.Url, source, size, Interlocked.Increment(ref round))));
                download.Add(($"download: {Concurrent} × curl ← nginx ← {instances} (MiB/s)",
                    () => DownloadAsync(new Uri(rig.Url, "files/big.bin"), 2 * size)));
            }
            var clusterOne = rigs[0].Instances[0].Url;
            foreach (var (name, target) in new[]
            {
                ("one instance on S3 alone", single.BaseAddress),
                ("one cluster instance, PostgreSQL", clusterOne),
                ("3 instances via nginx, PostgreSQL", rigs[2].Url),
            })
            {
                var patch = $"PATCH 1 MiB, median: {name} (ms)";
                var head = $"HEAD, median: {name} (ms)";
                samples[patch] = [];
                samples[head] = [];
                latency.Add((patch, () => PatchLatencyAsync(http, target, patches, samples[patch], samples[head])));
                heads.Add(head);
            }

            var result = new CaseResult(Id, $"Cluster mode: {Concurrent} concurrent transfers of {size >> 20} MiB up / {2 * size >> 20} MiB down; PATCH latency",
                "MiB/s or ms");
            foreach (var (name, values) in (await Rounds.AlternateAsync(context.Rounds, upload))
                     .Concat(await Rounds.AlternateAsync(context.Rounds, download))
                     .Concat(await Rounds.AlternateAsync(context.Rounds, latency)))
            {
                result.Summaries.Add(new Summary(name, values));
            }

            result.AddGoal("upload: 3 instances ≥ 0.8× one instance (the same two cores)", upload[2].Item1, upload[0].Item1, 0.8);
            result.AddGoal("upload: 3 instances with hash $uri ≥ 0.8× one instance", upload[3].Item1, upload[0].Item1, 0.8);
            result.AddGoal("download: 3 instances ≥ 0.8× one instance (the same two cores)", download[2].Item1, download[0].Item1, 0.8);
            var (alone, clustered) = (Percentiles(samples[latency[0].Item1]), Percentiles(samples[latency[1].Item1]));
            // Lower is better for latency: the goal's ratio is the limit over what was measured.
            result.Goals.Add(new Goal("PATCH median: PostgreSQL adds ≤ 10 ms over S3 alone", (alone.Median + 10) / clustered.Median, 1.0));
            foreach (var name in latency.Select(l => l.Item1).Concat(heads))
            {
                var (median, p99) = Percentiles(samples[name]);
                result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{name.Replace(", median", "", StringComparison.Ordinal).Replace(" (ms)", "", StringComparison.Ordinal)}: median {median:F1} ms, p99 {p99:F1} ms over all {samples[name].Count} {name.Split(' ')[0]}s."));
            }
            var (headAlone, headClustered) = (Percentiles(samples[heads[0]]), Percentiles(samples[heads[1]]));
            result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Added by cluster mode per PATCH: median {clustered.Median - alone.Median:F1} ms, p99 {clustered.P99 - alone.P99:F1} ms; " +
                $"per HEAD (the record read alone: a PostgreSQL row instead of an S3 object): median {headClustered.Median - headAlone.Median:F1} ms, " +
                $"p99 {headClustered.P99 - headAlone.P99:F1} ms."));
            var memory = rigs.Select((r, i) => $"{r.Instances.Count} instance(s){(i == 3 ? " hash $uri" : "")}: " +
                string.Join(", ", r.Instances.Select(i => $"{i.Id} {ProcessMemory.Read(i.Pid).PeakMiB:F0}"))).ToList();
            result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Peak RSS per instance (MiB, over the whole case): {string.Join("; ", memory)}; S3 alone {ProcessMemory.Read(single.ProcessId).PeakMiB:F0}."));
            result.Commands.Add("scripts/cluster-start.sh   (BATON_CLUSTER_SIZE=1|2|3, BATON_CLUSTER_REQUEST_LOGS=0: RGW + PostgreSQL + instances + nginx round-robin)");
            result.Commands.Add("BATON_CLUSTER_BALANCE=uri-hash scripts/cluster-start.sh   (3 instances, nginx `hash $uri consistent`)");
            result.Commands.Add($"{Concurrent} × node tests/peers/tus-upload.mjs '{{\"endpoint\":NGINX/uploads,\"file\":F,\"chunkSize\":{ChunkSize}}}' at once");
            result.Commands.Add($"{Concurrent} × curl -s -o /dev/null NGINX/files/big.bin at once");
            result.Commands.Add($"{patches} sequential tus PATCHes of 1 MiB, each followed by a HEAD (HttpClient, keep-alive), timed each");
            return result;
        }
        finally
        {
            foreach (var rig in rigs)
            {
                await rig.DisposeAsync();
            }
        }
    }

    private static async Task<double> UploadAsync(HttpClient http, string script, Uri cluster, string source, long size, int round)
    {
        var names = Enumerable.Range(0, Concurrent).Select(i => $"up-{round}-{i}.bin").ToList();
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(names.Select(name => RunTusAsync(script, new Uri(cluster, "uploads"), source, name)));
        watch.Stop();
        foreach (var name in names)
        {
            using var deleted = await http.DeleteAsync(new Uri(cluster, "files/" + name));
            deleted.EnsureSuccessStatusCode();
        }
        return Concurrent * size / (double)(1 << 20) / watch.Elapsed.TotalSeconds;
    }

    private static async Task RunTusAsync(string script, Uri endpoint, string file, string name)
    {
        var options = JsonSerializer.Serialize(new { endpoint = endpoint.ToString(), file, name, chunkSize = ChunkSize });
        await BenchContext.RunAsync("node", script, options);
    }

    private static async Task<double> DownloadAsync(Uri url, long size)
    {
        var watch = Stopwatch.StartNew();
        var outputs = await Task.WhenAll(Enumerable.Range(0, Concurrent).Select(_ =>
            BenchContext.RunAsync("curl", "-s", "--fail", "-o", "/dev/null", "-w", "%{size_download}", url.ToString())));
        watch.Stop();
        var bytes = outputs.Sum(o => long.Parse(o.Trim(), CultureInfo.InvariantCulture));
        if (bytes != Concurrent * size)
        {
            throw new InvalidOperationException($"downloaded {bytes} bytes, expected {Concurrent * size}");
        }
        return bytes / (double)(1 << 20) / watch.Elapsed.TotalSeconds;
    }

    /// <summary>One upload of <paramref name="count"/> sequential 1 MiB PATCHes, each followed by a HEAD; returns this round's
    /// PATCH median, adds every sample.</summary>
    private static async Task<double> PatchLatencyAsync(HttpClient http, Uri server, int count, List<double> all, List<double> heads)
    {
        var body = new byte[PatchSize];
        new Random(13).NextBytes(body);
        var name = "latency-" + Guid.NewGuid().ToString("N")[..8] + ".bin";
        using var create = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "uploads"));
        create.Headers.TryAddWithoutValidation(TusHeaders.Resumable, TusHeaders.Version);
        create.Headers.TryAddWithoutValidation(TusHeaders.UploadLength, ((long)count * PatchSize).ToString(CultureInfo.InvariantCulture));
        create.Headers.TryAddWithoutValidation(TusHeaders.UploadMetadata, "filename " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(name)));
        using var created = await http.SendAsync(create);
        created.EnsureSuccessStatusCode();
        var upload = new Uri(server, created.Headers.Location!);
        var round = new List<double>();
        for (var i = 0; i < count; i++)
        {
            using var patch = new HttpRequestMessage(HttpMethod.Patch, upload) { Content = new ByteArrayContent(body) };
            patch.Headers.TryAddWithoutValidation(TusHeaders.Resumable, TusHeaders.Version);
            patch.Headers.TryAddWithoutValidation(TusHeaders.UploadOffset, ((long)i * PatchSize).ToString(CultureInfo.InvariantCulture));
            patch.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(TusHeaders.OffsetOctetStream);
            var watch = Stopwatch.StartNew();
            using var response = await http.SendAsync(patch);
            watch.Stop();
            response.EnsureSuccessStatusCode();
            round.Add(watch.Elapsed.TotalMilliseconds);
            using var head = new HttpRequestMessage(HttpMethod.Head, upload);
            head.Headers.TryAddWithoutValidation(TusHeaders.Resumable, TusHeaders.Version);
            watch.Restart();
            using var offset = await http.SendAsync(head);
            heads.Add(watch.Elapsed.TotalMilliseconds);
            offset.EnsureSuccessStatusCode();
        }
        using var deleted = await http.DeleteAsync(new Uri(server, "files/" + name));
        all.AddRange(round);
        return Percentiles(round).Median;
    }

    private static (double Median, double P99) Percentiles(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return (sorted[sorted.Length / 2], sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)]);
    }
}
