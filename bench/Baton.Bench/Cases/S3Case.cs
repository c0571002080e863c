using System.Globalization;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;
using Baton.Bench.Load;
using Baton.Bench.Peers;
using Baton.Bench.Stats;
using Baton.Storage.S3;
using Baton.Testing;

namespace Baton.Bench.Cases;

/// <summary>
/// Issue 12's object-storage case, on the project's own Ceph RGW (scripts/rgw-start.sh): upload 1 GiB with tus-js-client in 8 MiB
/// chunks to Baton (Baton:Storage:Kind = s3) vs @tus/server + @tus/s3-store on the same RGW; download 1 GiB with curl and random
/// 1 MiB ranges with wrk through Baton vs from RGW itself with a presigned URL; Baton's peak RSS.
/// </summary>
public sealed class S3Case : IBenchCase
{
    private const int ChunkSize = 8 << 20;
    private const string BatonPrefix = "baton/";

    private const string UploadBaton = "upload: tus-js-client → Baton on RGW (MiB/s)";
    private const string UploadTus = "upload: tus-js-client → @tus/server + @tus/s3-store on RGW (MiB/s)";
    private const string DownloadBaton = "download: curl ← Baton on RGW (MiB/s)";
    private const string DownloadRgw = "download: curl ← RGW presigned URL (MiB/s)";
    private const string RangesBaton = "ranges: wrk -c64 random 1 MiB ← Baton on RGW (req/s)";
    private const string RangesRgw = "ranges: wrk -c64 random 1 MiB ← RGW presigned URL (req/s)";

    public string Id => "s3";

    public async Task<CaseResult> RunAsync(BenchContext context)
    {
        var size = context.Quick ? 256L << 20 : 1L << 30;
        var seconds = context.Quick ? 3 : 10;
        var source = context.DataFile("upload-source", "up.bin", size);
        var served = context.DataFile("serve", "big.bin", size);
        var rgw = await RgwEngine.StartAsync();
        try
        {
            var options = rgw.Options(BatonPrefix);
            options.Bucket = "baton-bench";
            using var s3 = new S3Connection(options);
            var servedKey = s3.Keys.Prefix + "big.bin";
            await s3.CallAsync("seed", c => c.PutObjectAsync(new PutObjectRequest { BucketName = s3.Bucket, Key = servedKey, FilePath = served }), default);
            var presigned = new Uri(await s3.Client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = s3.Bucket,
                Key = servedKey,
                Verb = HttpVerb.GET,
                Protocol = Amazon.S3.Protocol.HTTP,
                Expires = DateTime.UtcNow.AddHours(3),
            }));
            var tusOptions = rgw.Options("");
            tusOptions.Bucket = "tus-bench";
            using var tusBucket = new S3Connection(tusOptions);

            var root = Directory.CreateDirectory(Path.Combine(context.Work, "s3-root")).FullName;
            var environment = rgw.Environment(BatonPrefix);
            environment["BATON_STORAGE__S3__BUCKET"] = options.Bucket;
            await using var baton = await DotnetServer.StartBatonAsync(context, root, [.. environment.Select(e => $"{e.Key}={e.Value}")]);
            await tusBucket.CallAsync("bucket", c => c.ListObjectsV2Async(new ListObjectsV2Request { BucketName = tusBucket.Bucket, MaxKeys = 1 }), default);
            var tusServer = RunningProcess.Start("node", [Path.Combine(context.RepositoryRoot, "tests", "peers", "tus-s3-server.mjs")],
                environment: new Dictionary<string, string?>
                {
                    ["S3_ENDPOINT"] = rgw.Endpoint,
                    ["S3_BUCKET"] = tusBucket.Bucket,
                    ["S3_ACCESS_KEY"] = rgw.AccessKey,
                    ["S3_SECRET_KEY"] = rgw.SecretKey,
                });
            await using var _ = tusServer;
            var tusEndpoint = new Uri((await tusServer.WaitForLineAsync(l => l.StartsWith("listening ", StringComparison.Ordinal)))["listening ".Length..].Trim());

            var script = Path.Combine(context.RepositoryRoot, "tests", "peers", "tus-upload.mjs");
            Func<Task<double>> TusJs(Uri endpoint, S3Connection store, string keep) => () => TimedCommand.SendAsync(size,
                () => Clean(store, keep), null, "node", script,
                JsonSerializer.Serialize(new { endpoint = endpoint.ToString(), file = source, name = "up.bin", chunkSize = ChunkSize }));

            var result = new CaseResult(Id, $"Object storage (Ceph RGW 16 on this machine): {size >> 20} MiB", "MiB/s or req/s");
            ProcessMemory.ResetPeak(baton.ProcessId);
            var uploads = await Rounds.AlternateAsync(Math.Max(3, context.Rounds - 2),
            [
                (UploadBaton, TusJs(new Uri(baton.BaseAddress, "uploads"), s3, servedKey)),
                (UploadTus, TusJs(tusEndpoint, tusBucket, "")),
            ]);
            var uploadPeak = ProcessMemory.Read(baton.ProcessId).PeakMiB;
            var script2 = Path.Combine(context.RepositoryRoot, "bench", "wrk", "random-ranges.lua");
            var batonFile = new Uri(baton.BaseAddress, "files/big.bin");
            await CurlAsync(batonFile);
            await CurlAsync(presigned);
            var downloads = await Rounds.AlternateAsync(context.Rounds,
            [
                (DownloadBaton, () => CurlAsync(batonFile)),
                (DownloadRgw, () => CurlAsync(presigned)),
                (RangesBaton, () => RandomRangesCase.WrkAsync(batonFile, script2, size, seconds)),
                (RangesRgw, () => RandomRangesCase.WrkAsync(presigned, script2, size, seconds)),
            ]);
            foreach (var (name, values) in uploads.Concat(downloads))
            {
                result.Summaries.Add(new Summary(name, values));
            }
            var (rss, peak) = ProcessMemory.Read(baton.ProcessId);
            result.AddGoal("upload: Baton ≥ 1.2× @tus/server + @tus/s3-store", UploadBaton, UploadTus, 1.2);
            result.AddGoal("download: Baton ≥ 0.8× RGW itself", DownloadBaton, DownloadRgw, 0.8);
            result.AddGoal("ranges: Baton ≥ 0.8× RGW itself", RangesBaton, RangesRgw, 0.8);
            result.Notes.Add(string.Create(CultureInfo.InvariantCulture,
                $"Baton's peak RSS: {uploadPeak:F0} MiB over the upload rounds ({size >> 20} MiB each, 8 MiB parts), {peak:F0} MiB at the end (now {rss:F0} MiB)."));
            result.Commands.Add("scripts/rgw-start.sh   (mon + 1 BlueStore OSD + radosgw on 127.0.0.1)");
            result.Commands.Add("BATON_STORAGE__KIND=s3 BATON_STORAGE__S3__{SERVICEURL,BUCKET,PREFIX,ACCESSKEY,SECRETKEY}=… dotnet baton.dll serve ROOT");
            result.Commands.Add("S3_ENDPOINT=… S3_BUCKET=… node tests/peers/tus-s3-server.mjs   (@tus/server 2 + @tus/s3-store 2, 8 MiB parts)");
            result.Commands.Add("node tests/peers/tus-upload.mjs '{\"endpoint\":URL,\"file\":F,\"chunkSize\":8388608}'  (tus-js-client 4)");
            result.Commands.Add("curl -s -o /dev/null -w '%{speed_download}' URL   (Baton /files/big.bin, or RGW presigned GET)");
            result.Commands.Add($"FILE_SIZE={size} wrk -t2 -c64 -d{seconds}s -s bench/wrk/random-ranges.lua URL");
            return result;
        }
        finally
        {
            await rgw.StopIfStartedHereAsync();
        }
    }

    /// <summary>Removes what an upload left in the bucket (placed objects, records) except <paramref name="keep"/>.</summary>
    private static void Clean(S3Connection s3, string keep)
    {
        var listed = s3.CallAsync("list", c => c.ListObjectsV2Async(new ListObjectsV2Request { BucketName = s3.Bucket, Prefix = s3.Keys.Prefix }), default)
            .GetAwaiter().GetResult();
        foreach (var key in (listed.S3Objects ?? []).Select(o => o.Key).Where(k => k != keep))
        {
            s3.CallAsync("clean", c => c.DeleteObjectAsync(s3.Bucket, key), default).GetAwaiter().GetResult();
        }
    }

    private static async Task<double> CurlAsync(Uri url)
    {
        var output = await BenchContext.RunAsync("curl", "-s", "--fail", "-o", "/dev/null", "-w", "%{speed_download}", url.ToString());
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture) / (1 << 20);
    }
}
