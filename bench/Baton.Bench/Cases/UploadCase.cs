using System.Text.Json;
using Baton.Bench.Peers;
using Baton.Bench.Stats;

namespace Baton.Bench.Cases;

/// <summary>
/// Case 3: upload 1 GiB in 8 MiB chunks with the same client against Baton (fsync before every acknowledged offset, the default),
/// Baton with durability relaxed to match @tus/server (no fsync), and @tus/server; tus-js-client in Node and `baton put`.
/// Plus the floor for durable writes on this disk: `dd` writing the same data in the same chunk size with O_DIRECT and a final fsync.
/// </summary>
public sealed class UploadCase : IBenchCase
{
    private const int ChunkSize = 8 << 20;

    public string Id => "upload";

    public async Task<CaseResult> RunAsync(BenchContext context)
    {
        var size = context.Quick ? 256L << 20 : 1L << 30;
        var source = context.DataFile("upload-source", "up.bin", size);
        var durableRoot = Path.Combine(context.Work, "upload-durable");
        var relaxedRoot = Path.Combine(context.Work, "upload-relaxed");
        Directory.CreateDirectory(durableRoot);
        Directory.CreateDirectory(relaxedRoot);
        await using var durable = await DotnetServer.StartBatonAsync(context, durableRoot);
        await using var relaxed = await DotnetServer.StartBatonAsync(context, relaxedRoot, "BATON_UPLOADS__DURABILITY=None");
        await using var reference = await TusReferenceServer.StartAsync(context, Path.Combine(context.Work, "tus-store"));
        await using var sink = await TusReferenceServer.StartSinkAsync(context, Path.Combine(context.Work, "tus-sink"));
        var script = Path.Combine(context.RepositoryRoot, "tests", "peers", "tus-upload.mjs");
        var ddTarget = Path.Combine(context.Work, "dd.out");

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
        var samples = await Rounds.AlternateAsync(Math.Max(3, context.Rounds - 2),
        [
            ("tus-js-client → Baton (fsync)", TusJs(durableUploads, () => Clean(durableRoot))),
            ("tus-js-client → Baton (no fsync)", TusJs(relaxedUploads, () => Clean(relaxedRoot))),
            ("tus-js-client → @tus/server", TusJs(reference.Endpoint, () => Clean(reference.Store))),
            ("baton put → Baton (fsync)", Put(durableUploads, () => Clean(durableRoot))),
            ("baton put → Baton (no fsync)", Put(relaxedUploads, () => Clean(relaxedRoot))),
            ("baton put → @tus/server", Put(reference.Endpoint, () => Clean(reference.Store))),
            (TusJsCeiling, TusJs(sink.Endpoint, () => { })),
            (PutCeiling, Put(sink.Endpoint, () => { })),
            ("dd bs=8M oflag=direct conv=fsync", () => TimedCommand.SendAsync(size, () => File.Delete(ddTarget), null,
                "dd", $"if={source}", $"of={ddTarget}", "bs=8M", "oflag=direct", "conv=fsync", "status=none")),
        ]);
        foreach (var (name, values) in samples)
        {
            result.Summaries.Add(new Summary(name, values));
        }
        result.Notes.Add(Ceiling(result, "tus-js-client", TusJsCeiling));
        result.Notes.Add(Ceiling(result, "baton put", PutCeiling));
        result.AddGoal("tus-js-client: Baton (no fsync) ≥ 2× @tus/server", "tus-js-client → Baton (no fsync)", "tus-js-client → @tus/server", 2.0);
        result.AddGoal("tus-js-client: Baton (fsync) ≥ 1.0× @tus/server", "tus-js-client → Baton (fsync)", "tus-js-client → @tus/server", 1.0);
        result.AddGoal("baton put: Baton (no fsync) ≥ 2× @tus/server", "baton put → Baton (no fsync)", "baton put → @tus/server", 2.0);
        result.AddGoal("baton put: Baton (fsync) ≥ 1.0× @tus/server", "baton put → Baton (fsync)", "baton put → @tus/server", 1.0);
        result.AddGoal("Baton (fsync) ≥ 0.8× dd O_DIRECT+fsync", "tus-js-client → Baton (fsync)", "dd bs=8M oflag=direct conv=fsync", 0.8);
        result.Commands.Add("node tests/peers/tus-upload.mjs '{\"endpoint\":URL,\"file\":F,\"chunkSize\":8388608}'  (tus-js-client 4)");
        result.Commands.Add("dotnet baton.dll put F URL --chunk-size 8m -q   (fresh XDG_STATE_HOME each run)");
        result.Commands.Add("node tests/peers/tus-server.mjs STORE   (@tus/server 2 + @tus/file-store)");
        result.Commands.Add("BATON_UPLOADS__DURABILITY=None dotnet baton.dll serve ROOT   (the relaxed contender)");
        result.Commands.Add($"dd if=F of=OUT bs=8M oflag=direct conv=fsync");
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
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{client} against a server that keeps nothing reaches {ceiling:F0} MiB/s; as a share of that: {string.Join(", ", parts)}. " +
            $"No server can make this client faster than its ceiling, so a goal above ceiling ÷ @tus/server = {ceiling / result.Summaries.Single(s => s.Contender == client + " → @tus/server").Median:F2}× cannot be met with it.");
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
