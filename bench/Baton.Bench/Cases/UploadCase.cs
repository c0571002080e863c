using System.Text.Json;
using Baton.Bench.Load;
using Baton.Bench.Peers;
using Baton.Bench.Stats;

namespace Baton.Bench.Cases;

/// <summary>
/// Case 3: upload 512 MiB in 8 MiB chunks with tus-js-client (Node) against Baton (fsync before every acknowledged offset, the
/// default), Baton with durability relaxed to match @tus/server (no fsync), @tus/server, and a tus endpoint that keeps nothing
/// (the client's own ceiling); `baton put` against Baton and against that sink. Beside them the machine's limits: the disk's
/// durable write rate (`dd` writing the same data in the same chunk size with O_DIRECT and a final fsync), loopback copy and
/// SHA-256 rates (<see cref="MachineLimits"/>).
/// </summary>
public sealed class UploadCase : IBenchCase
{
    private const int ChunkSize = 8 << 20;
    private const string Full = "tus-js-client → Baton (Durability Full)";
    private const string None = "tus-js-client → Baton (Durability None)";
    private const string TusServer = "tus-js-client → @tus/server";
    private const string PutBaton = "baton put → Baton (Durability Full)";
    private const string Dd = "dd bs=8M oflag=direct conv=fsync";

    public string Id => "upload";

    public async Task<CaseResult> RunAsync(BenchContext context)
    {
        var size = context.Quick ? 128L << 20 : 512L << 20;
        var source = context.DataFile("upload-source", "up.bin", size);
        var durableRoot = Path.Combine(context.Work, "upload-durable");
        var relaxedRoot = Path.Combine(context.Work, "upload-relaxed");
        Directory.CreateDirectory(durableRoot);
        Directory.CreateDirectory(relaxedRoot);
        await using var durable = await DotnetServer.StartBatonAsync(context, durableRoot);
        await using var relaxed = await DotnetServer.StartBatonAsync(context, relaxedRoot, "BATON_STORAGE__DISK__DURABILITY=None");
        await using var reference = await TusReferenceServer.StartAsync(context, Path.Combine(context.Work, "tus-store"));
        await using var sink = await TusReferenceServer.StartSinkAsync(context, Path.Combine(context.Work, "tus-sink"));
        var script = Path.Combine(context.RepositoryRoot, "tests", "peers", "tus-upload.mjs");
        var ddTarget = Path.Combine(durableRoot, "dd.out"); // the same file system as the durable server's uploads

        Func<Task<double>> TusJs(Uri endpoint, Action cleanup) => () => TimedCommand.SendAsync(size, cleanup, null, "node", script,
            JsonSerializer.Serialize(new { endpoint = endpoint.ToString(), file = source, name = "up.bin", chunkSize = ChunkSize }));
        Func<Task<double>> Put(Uri endpoint, Action cleanup) => () =>
        {
            var state = Directory.CreateTempSubdirectory("baton-put-state-").FullName; // a fresh upload every time, never a resume
            return TimedCommand.SendAsync(size, () => { cleanup(); Directory.Delete(state, true); },
                new Dictionary<string, string?> { ["XDG_STATE_HOME"] = state },
                "dotnet", context.BatonDll, "put", source, endpoint.ToString(), "--chunk-size", "8m", "-q");
        };
        var durableUploads = new Uri(durable.BaseAddress, "uploads");
        var relaxedUploads = new Uri(relaxed.BaseAddress, "uploads");
        var result = new CaseResult(Id, $"Upload {size >> 20} MiB in 8 MiB chunks (MiB/s, whole client command)", "MiB/s");
        var limits = await MachineLimits.DescribeAsync(size);
        Console.WriteLine("  " + limits);
        var samples = await Rounds.AlternateAsync(context.Rounds,
        [
            (Full, TusJs(durableUploads, () => Clean(durableRoot))),
            (None, TusJs(relaxedUploads, () => Clean(relaxedRoot))),
            (TusServer, TusJs(reference.Endpoint, () => Clean(reference.Store))),
            (TusJsCeiling, TusJs(sink.Endpoint, () => { })),
            (PutBaton, Put(durableUploads, () => Clean(durableRoot))),
            (PutCeiling, Put(sink.Endpoint, () => { })),
            (Dd, () => TimedCommand.SendAsync(size, () => File.Delete(ddTarget), null,
                "dd", $"if={source}", $"of={ddTarget}", "bs=8M", "oflag=direct", "conv=fsync", "status=none")),
        ]);
        foreach (var (name, values) in samples)
        {
            result.Summaries.Add(new Summary(name, values));
        }
        result.Notes.Add(limits);
        result.Notes.Add(Ceiling(result, "tus-js-client", TusJsCeiling));
        result.Notes.Add(Ceiling(result, "baton put", PutCeiling));
        result.AddGoal("tus-js-client: Baton (Durability Full) ≥ 0.9× the disk's durable rate (dd)", Full, Dd, 0.9);
        result.AddGoal("tus-js-client: Baton (Durability None) ≥ 1.2× @tus/server", None, TusServer, 1.2);
        // The server should never be the limit below the disk: put → Baton reaches what put → sink reaches, or the disk's rate
        // when that is lower.
        var reachable = Math.Min(result.Of(PutCeiling).Median, result.Of(Dd).Median);
        result.AddLimitGoal("baton put → Baton (Full) ≥ 1.0× min(baton put → sink, dd)", result.Of(PutBaton).Median, reachable);
        result.Commands.Add("node tests/peers/tus-upload.mjs '{\"endpoint\":URL,\"file\":F,\"chunkSize\":8388608}'  (tus-js-client 4)");
        result.Commands.Add("dotnet baton.dll put F URL --chunk-size 8m -q   (fresh XDG_STATE_HOME each run)");
        result.Commands.Add("node tests/peers/tus-server.mjs STORE   (@tus/server 2 + @tus/file-store, never fsyncs)");
        result.Commands.Add("dotnet baton.dll serve ROOT   (Durability Full, the default) and BATON_STORAGE__DISK__DURABILITY=None dotnet baton.dll serve ROOT");
        result.Commands.Add("dd if=F of=OUT bs=8M oflag=direct conv=fsync   (OUT on the same file system as the servers' uploads)");
        result.Commands.Add("node bench/peers/tus-sink.mjs   (a tus endpoint that drops the bytes: the client's own ceiling)");
        return result;
    }

    private const string TusJsCeiling = "tus-js-client → sink (client's ceiling)";
    private const string PutCeiling = "baton put → sink (client's ceiling)";

    /// <summary>How close each server comes to what the client can send at all (a server that keeps nothing).</summary>
    private static string Ceiling(CaseResult result, string client, string ceilingName)
    {
        var ceiling = result.Summaries.Single(s => s.Contender == ceilingName).Median;
        var parts = result.Summaries
            .Where(s => s.Contender.StartsWith(client + " → ", StringComparison.Ordinal) && s.Contender != ceilingName)
            .Select(s => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{s.Contender[(client.Length + 3)..]} {s.Median / ceiling:F2}"));
        var tusServer = result.Summaries.SingleOrDefault(s => s.Contender == client + " → @tus/server");
        var bound = tusServer is null ? "" : string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $" No server can make this client faster than its ceiling, so a goal above ceiling ÷ @tus/server = {ceiling / tusServer.Median:F2}× cannot be met with it.");
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{client} against a server that keeps nothing reaches {ceiling:F0} MiB/s; as a share of that: {string.Join(", ", parts)}.") + bound;
    }

    /// <summary>Removes what an upload left (the placed file, staging, a store's files) so every run starts alike.</summary>
    private static void Clean(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            if (!file.EndsWith("signing.key", StringComparison.Ordinal))
            {
                File.Delete(file);
            }
        }
    }
}
