using System.Globalization;
using Baton.Bench.Load;
using Baton.Bench.Peers;
using Baton.Bench.Stats;

namespace Baton.Bench.Cases;

/// <summary>
/// Case 6: Baton's resident memory. (a) Peak RSS while 200 uploads and 200 downloads run at once. (b) Peak RSS of a 10 GiB download
/// and upload against a 10 MiB one, each in a fresh server process: flat memory means the same peak.
/// </summary>
public sealed class MemoryCase : IBenchCase
{
    public string Id => "server-memory";

    /// <summary>Extra server environment for experiments (BATON_BENCH_SERVER_ENV="K=V;K=V").</summary>
    private static string[] ExtraEnvironment =>
        Environment.GetEnvironmentVariable("BATON_BENCH_SERVER_ENV")?.Split(';', StringSplitOptions.RemoveEmptyEntries) ?? [];

    public async Task<CaseResult> RunAsync(BenchContext context)
    {
        var result = new CaseResult(Id, "Baton server peak RSS (MiB)", "MiB", higherIsBetter: false);
        var concurrent = await ConcurrentPeakAsync(context, result);
        result.AddLimitGoal("peak RSS with 200 uploads + 200 downloads ≤ 150 MiB", concurrent, 150);

        if (Environment.GetEnvironmentVariable("BATON_BENCH_MEMORY_CONCURRENT_ONLY") == "1")
        {
            return result; // attribution experiments: only the concurrent load
        }
        var warmUp = context.Quick ? 256L << 20 : 1L << 30;
        var (small, coldSmall) = await SingleTransferPeakAsync(context, 10L << 20, warmUp);
        var (large, coldLarge) = await SingleTransferPeakAsync(context, context.Quick ? 1L << 30 : 10L << 30, warmUp);
        result.Summaries.Add(new Summary("10 MiB download + upload", [small]));
        result.Summaries.Add(new Summary(context.Quick ? "1 GiB download + upload" : "10 GiB download + upload", [large]));
        result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
            $"Single transfers run in a fresh server after a {warmUp >> 20} MiB download + upload warm-up, with the peak reset after it (clear_refs); the warm-up itself peaked at {coldSmall:F1} and {coldLarge:F1} MiB. Resident memory grows during a process's first GiBs of transfer and then levels off (see Analysis); this comparison shows what the size adds after a realistic start."));
        result.Goals.Add(new Goal("peak RSS of the large transfer within ±10 % of the 10 MiB one", 1.1 / Math.Max(large / small, small / large), 1.0));
        result.Commands.Add("server: dotnet baton.dll serve ROOT (Durability=Full); load: HttpClient in the harness (tus POST + one streaming PATCH; GET drained with a 256 KiB buffer)");
        result.Commands.Add("peak RSS: VmHWM from /proc/PID/status after the load");
        return result;
    }

    private static async Task<double> ConcurrentPeakAsync(BenchContext context, CaseResult result)
    {
        // BATON_BENCH_UPLOADS / BATON_BENCH_DOWNLOADS split the load for attribution experiments.
        var uploads = int.TryParse(Environment.GetEnvironmentVariable("BATON_BENCH_UPLOADS"), out var u) ? u : 200;
        var downloads = int.TryParse(Environment.GetEnvironmentVariable("BATON_BENCH_DOWNLOADS"), out var d) ? d : 200;
        var uploadSize = context.Quick ? 4L << 20 : 16L << 20;
        var downloadSize = context.Quick ? 16L << 20 : 64L << 20;
        var root = Path.Combine(context.Work, "memory-root");
        Directory.CreateDirectory(root);
        File.Copy(context.DataFile("memory-data", "dl.bin", downloadSize), Path.Combine(root, "dl.bin"), overwrite: true);
        // 200 uploads from one address in a few seconds is the point here, not something to rate-limit.
        await using var baton = await DotnetServer.StartBatonAsync(context, root, ["BATON_AUTH__UPLOADCREATIONSPERMINUTE=0", .. ExtraEnvironment]);
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1000 }) { BaseAddress = baton.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        var load = new TransferLoad(client);
        await load.DownloadAsync("files/dl.bin", CancellationToken.None); // warm up, and let the digest worker hash it
        var idle = ProcessMemory.Read(baton.ProcessId).RssMiB;
        var idleKinds = ProcessMemory.Breakdown(baton.ProcessId);
        var work = Enumerable.Range(0, uploads).Select(_ => load.UploadAsync(uploadSize, CancellationToken.None))
            .Concat(Enumerable.Range(0, downloads).Select(_ => (Task)load.DownloadAsync("files/dl.bin", CancellationToken.None)));
        var threads = 0;
        var top = (Rss: 0.0, Kinds: "");
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
            while (await tick.WaitForNextTickAsync(sampling.Token).ConfigureAwait(false))
            {
                threads = Math.Max(threads, ProcessMemory.Threads(baton.ProcessId));
                var now = ProcessMemory.Read(baton.ProcessId).RssMiB;
                if (now > top.Rss)
                {
                    top = (now, ProcessMemory.Breakdown(baton.ProcessId));
                }
            }
        });
        await Task.WhenAll(work);
        await sampling.CancelAsync();
        await sampler.ContinueWith(_ => { }, TaskScheduler.Default);
        var (_, peak) = ProcessMemory.Read(baton.ProcessId);
        result.Summaries.Add(new Summary($"{uploads} uploads × {uploadSize >> 20} MiB + {downloads} downloads × {downloadSize >> 20} MiB", [peak]));
        result.Notes.Add(string.Create(CultureInfo.InvariantCulture, $"Idle RSS after one warm-up download: {idle:F1} MiB; most server threads during the load: {threads}."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  concurrent: peak RSS {peak:F1} MiB, idle {idle:F1} MiB ({idleKinds}), threads ≤ {threads}; at the highest sample: {top.Kinds}"));
        return peak;
    }

    /// <summary>
    /// Peak RSS while one download and one upload of <paramref name="size"/> bytes run, in a fresh server that first moved
    /// <paramref name="warmUp"/> bytes each way: what a process's first sustained transfer costs (JIT tiering, pools filling,
    /// memory the GC keeps committed) is paid alike, so what differs is what grows with the size. The peak is reset after that
    /// warm-up (<c>clear_refs</c> 5, proc(5)); the warm-up's own peak is returned too.
    /// </summary>
    private static async Task<(double Peak, double WarmUpPeak)> SingleTransferPeakAsync(BenchContext context, long size, long warmUp)
    {
        var root = Path.Combine(context.Work, $"single-{size}");
        Directory.CreateDirectory(root);
        Sparse(Path.Combine(root, "warm.bin"), warmUp);
        Sparse(Path.Combine(root, "sparse.bin"), size);
        await using var baton = await DotnetServer.StartBatonAsync(context, root, ExtraEnvironment);
        using var client = new HttpClient { BaseAddress = baton.BaseAddress, Timeout = TimeSpan.FromMinutes(30) };
        var load = new TransferLoad(client);
        await TransferAsync(load, "files/warm.bin", warmUp);
        var warmUpPeak = ProcessMemory.Read(baton.ProcessId).PeakMiB;
        var warmKinds = ProcessMemory.Breakdown(baton.ProcessId);
        ProcessMemory.ResetPeak(baton.ProcessId);
        await TransferAsync(load, "files/sparse.bin", size);
        var peak = ProcessMemory.Read(baton.ProcessId).PeakMiB;
        Console.WriteLine($"  {size >> 20} MiB transfer: peak RSS {peak:F1} MiB (warm-up peak {warmUpPeak:F1}); after warm-up: {warmKinds}; after: {ProcessMemory.Breakdown(baton.ProcessId)}");
        foreach (var uploaded in Directory.GetFiles(root, "load-*"))
        {
            File.Delete(uploaded);
        }
        return (peak, warmUpPeak);
    }

    private static async Task TransferAsync(TransferLoad load, string path, long size)
    {
        var received = await load.DownloadAsync(path, CancellationToken.None);
        if (received != size)
        {
            throw new InvalidOperationException($"downloaded {received} of {size} bytes");
        }
        await load.UploadAsync(size, CancellationToken.None);
    }

    private static void Sparse(string file, long size)
    {
        using (var stream = File.Create(file))
        {
            stream.SetLength(size); // sparse: a 10 GiB file without writing 10 GiB
        }
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
    }
}
