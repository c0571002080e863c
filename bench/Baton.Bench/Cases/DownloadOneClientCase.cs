using System.Globalization;
using Baton.Bench.Peers;
using Baton.Bench.Stats;

namespace Baton.Bench.Cases;

/// <summary>Case 1: one `curl -o /dev/null` of a 1 GiB file, Baton vs nginx (sendfile on / off + large output_buffers) vs ASP.NET Core static files.</summary>
public sealed class DownloadOneClientCase : IBenchCase
{
    public string Id => "download-1-client";

    public async Task<CaseResult> RunAsync(BenchContext context)
    {
        var size = context.Quick ? 256L << 20 : 1L << 30;
        var file = context.DataFile("serve", "big.bin", size);
        var root = Path.GetDirectoryName(file)!;
        await using var baton = await DotnetServer.StartBatonAsync(context, root);
        await using var staticFiles = await DotnetServer.StartStaticFilesAsync(context, root);
        await using var nginxOn = await Nginx.StartAsync(root, sendfile: true);
        await using var nginxOff = await Nginx.StartAsync(root, sendfile: false, outputBuffers: "2 1m");

        var result = new CaseResult(Id, $"Download {size >> 20} MiB with one curl (MiB/s)", "MiB/s");
        var contenders = new (string, Uri)[]
        {
            ("Baton", baton.BaseAddress),
            ("nginx sendfile on", nginxOn.BaseAddress),
            ("nginx sendfile off, output_buffers 2 1m", nginxOff.BaseAddress),
            ("ASP.NET Core static files", staticFiles.BaseAddress),
        };
        foreach (var (_, address) in contenders)
        {
            await CurlAsync(new Uri(address, "files/big.bin")); // warm: page cache, JIT, connection setup paths
        }
        var samples = await Rounds.AlternateAsync(context.Rounds,
            contenders.Select(c => (c.Item1, (Func<Task<double>>)(() => CurlAsync(new Uri(c.Item2, "files/big.bin"))))).ToList());
        foreach (var (name, values) in samples)
        {
            result.Summaries.Add(new Summary(name, values));
        }
        var bestNginx = result.Summaries.Where(s => s.Contender.StartsWith("nginx", StringComparison.Ordinal)).MaxBy(s => s.Median)!.Contender;
        result.AddGoal($"Baton ≥ 1.0× {bestNginx}", "Baton", bestNginx, 1.0);
        result.Commands.Add("curl -s -o /dev/null -w '%{speed_download}' http://127.0.0.1:PORT/files/big.bin");
        result.Commands.Add("nginx config (sendfile on|off): " + nginxOff.Config.ReplaceLineEndings(" ").Replace("    ", " ", StringComparison.Ordinal));
        return result;
    }

    private static async Task<double> CurlAsync(Uri url)
    {
        var output = await BenchContext.RunAsync("curl", "-s", "--fail", "-o", "/dev/null", "-w", "%{speed_download}", url.ToString());
        return double.Parse(output.Trim(), CultureInfo.InvariantCulture) / (1 << 20);
    }
}
