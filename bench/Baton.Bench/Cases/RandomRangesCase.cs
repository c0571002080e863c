using System.Globalization;
using System.Text.RegularExpressions;
using Baton.Bench.Peers;
using Baton.Bench.Stats;
using Baton.Testing;

namespace Baton.Bench.Cases;

/// <summary>Case 2: wrk with 64 connections asking for random 1 MiB ranges of a 1 GiB file (requests/s).</summary>
public sealed partial class RandomRangesCase : IBenchCase
{
    public string Id => "random-ranges-64";

    public async Task<CaseResult> RunAsync(BenchContext context)
    {
        var size = context.Quick ? 256L << 20 : 1L << 30;
        var file = context.DataFile("serve", "big.bin", size);
        var root = Path.GetDirectoryName(file)!;
        var script = Path.Combine(context.RepositoryRoot, "bench", "wrk", "random-ranges.lua");
        var seconds = context.Quick ? 3 : 10;
        await using var baton = await DotnetServer.StartBatonAsync(context, root);
        await using var staticFiles = await DotnetServer.StartStaticFilesAsync(context, root);
        await using var nginxOn = await Nginx.StartAsync(root, sendfile: true);
        await using var nginxOff = await Nginx.StartAsync(root, sendfile: false, outputBuffers: "2 1m");

        var result = new CaseResult(Id, "Random 1 MiB ranges of a 1 GiB file, 64 connections (wrk, requests/s)", "req/s");
        var contenders = new (string Name, Uri Address)[]
        {
            ("Baton", baton.BaseAddress),
            ("nginx sendfile on", nginxOn.BaseAddress),
            ("nginx sendfile off, output_buffers 2 1m", nginxOff.BaseAddress),
            ("ASP.NET Core static files", staticFiles.BaseAddress),
        };
        var samples = await Rounds.AlternateAsync(Math.Max(3, context.Rounds - 2),
            contenders.Select(c => (c.Name, (Func<Task<double>>)(() => WrkAsync(new Uri(c.Address, "files/big.bin"), script, size, seconds)))).ToList());
        foreach (var (name, values) in samples)
        {
            result.Summaries.Add(new Summary(name, values));
        }
        var bestNginx = result.Summaries.Where(s => s.Contender.StartsWith("nginx", StringComparison.Ordinal)).MaxBy(s => s.Median)!.Contender;
        result.AddGoal($"Baton ≥ 0.8× {bestNginx}", "Baton", bestNginx, 0.8);
        result.AddGoal("Baton ≥ 1.2× ASP.NET Core static files", "Baton", "ASP.NET Core static files", 1.2);
        result.Commands.Add($"FILE_SIZE={size} wrk -t2 -c64 -d{seconds}s -s bench/wrk/random-ranges.lua http://127.0.0.1:PORT/files/big.bin");
        return result;
    }

    internal static async Task<double> WrkAsync(Uri url, string script, long size, int seconds)
    {
        var run = await RunningProcess.RunAsync("wrk", ["-t2", "-c64", $"-d{seconds}s", "-s", script, url.ToString()],
            TimeSpan.FromMinutes(2), environment: new Dictionary<string, string?> { ["FILE_SIZE"] = size.ToString(CultureInfo.InvariantCulture) });
        var rate = RequestsPerSecond().Match(run.Output);
        var bad = NotPartial().Match(run.Output);
        if (!rate.Success || !bad.Success)
        {
            throw new InvalidOperationException("unexpected wrk output:\n" + run.Output);
        }
        if (long.Parse(bad.Groups[1].Value, CultureInfo.InvariantCulture) > 0)
        {
            throw new InvalidOperationException($"{url} answered something other than 206:\n{run.Output}");
        }
        return double.Parse(rate.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"not206: (\d+)")]
    private static partial Regex NotPartial();
}
