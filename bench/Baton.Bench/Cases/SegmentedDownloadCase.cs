using Baton.Bench.Peers;
using Baton.Bench.Stats;

namespace Baton.Bench.Cases;

/// <summary>Case 5: 8 connections against nginx with <c>limit_rate 20m</c> per connection: `baton get -c 8` vs `aria2c -x8 -s8` vs `axel -n 8`.</summary>
public sealed class SegmentedDownloadCase : IBenchCase
{
    public string Id => "client-8-connections";

    public async Task<CaseResult> RunAsync(BenchContext context)
    {
        var size = context.Quick ? 256L << 20 : 1L << 30;
        var file = context.DataFile("serve", "big.bin", size);
        await using var nginx = await Nginx.StartAsync(Path.GetDirectoryName(file)!, sendfile: true, limitRate: "20m");
        var url = new Uri(nginx.BaseAddress, "limited/big.bin").ToString();
        var downloads = Path.Combine(context.Work, "downloads");
        Directory.CreateDirectory(downloads);
        var output = Path.Combine(downloads, "out.bin");

        var result = new CaseResult(Id, $"{size >> 20} MiB over 8 connections, nginx limit_rate 20m per connection (MiB/s)", "MiB/s");
        var samples = await Rounds.AlternateAsync(Math.Max(3, context.Rounds - 2),
        [
            ("baton get -c 8", () => TimedCommand.ThroughputAsync(output, size, "dotnet", context.BatonDll, "get", url, "-o", output, "-c", "8", "-q")),
            ("aria2c -x8 -s8", () => TimedCommand.ThroughputAsync(output, size, "aria2c", "-q", "-x8", "-s8", "-k1M", "--file-allocation=none",
                "--allow-overwrite=true", "--auto-file-renaming=false", "-d", downloads, "-o", "out.bin", url)),
            ("axel -n 8", () => TimedCommand.ThroughputAsync(output, size, "axel", "-q", "-n", "8", "-o", output, url)),
        ]);
        foreach (var (name, values) in samples)
        {
            result.Summaries.Add(new Summary(name, values));
        }
        result.AddGoal("baton get -c 8 ≥ 1.1× aria2c -x8 -s8", "baton get -c 8", "aria2c -x8 -s8", 1.1);
        result.Commands.Add($"dotnet baton.dll get {url} -o out.bin -c 8 -q");
        result.Commands.Add($"aria2c -q -x8 -s8 -k1M --file-allocation=none -d DIR -o out.bin {url}");
        result.Commands.Add($"axel -q -n 8 -o out.bin {url}");
        result.Notes.Add("The ceiling is 8 × 20 MiB/s = 160 MiB/s; what separates the tools is how fast they ramp up and how evenly they keep all 8 connections busy to the end (work stealing).");
        return result;
    }
}
