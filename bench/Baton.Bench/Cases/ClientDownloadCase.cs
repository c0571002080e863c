using Baton.Bench.Peers;
using Baton.Bench.Stats;

namespace Baton.Bench.Cases;

/// <summary>Case 4: `baton get` vs `curl` vs `aria2c -x1` downloading 1 GiB from nginx on loopback to a file (whole command timed).</summary>
public sealed class ClientDownloadCase : IBenchCase
{
    public string Id => "client-1-connection";

    public async Task<CaseResult> RunAsync(BenchContext context)
    {
        var size = context.Quick ? 256L << 20 : 1L << 30;
        var file = context.DataFile("serve", "big.bin", size);
        await using var nginx = await Nginx.StartAsync(Path.GetDirectoryName(file)!, sendfile: true);
        var url = new Uri(nginx.BaseAddress, "files/big.bin").ToString();
        var downloads = Path.Combine(context.Work, "downloads");
        Directory.CreateDirectory(downloads);
        var output = Path.Combine(downloads, "out.bin");

        var result = new CaseResult(Id, $"Client download of {size >> 20} MiB from nginx, one connection (MiB/s, whole command)", "MiB/s");
        var samples = await Rounds.AlternateAsync(context.Rounds,
        [
            ("baton get", () => TimedCommand.ThroughputAsync(output, size, "dotnet", context.BatonDll, "get", url, "-o", output, "-c", "1", "-q")),
            ("curl", () => TimedCommand.ThroughputAsync(output, size, "curl", "-s", "--fail", "-o", output, url)),
            ("aria2c -x1", () => TimedCommand.ThroughputAsync(output, size, "aria2c", "-q", "-x1", "-s1", "--file-allocation=none",
                "--allow-overwrite=true", "--auto-file-renaming=false", "-d", downloads, "-o", "out.bin", url)),
        ]);
        foreach (var (name, values) in samples)
        {
            result.Summaries.Add(new Summary(name, values));
        }
        result.AddGoal("baton get ≥ 1.0× curl", "baton get", "curl", 1.0);
        result.Commands.Add($"dotnet baton.dll get {url} -o out.bin -c 1 -q");
        result.Commands.Add($"curl -s --fail -o out.bin {url}");
        result.Commands.Add($"aria2c -q -x1 -s1 --file-allocation=none --allow-overwrite=true -d DIR -o out.bin {url}");
        result.Notes.Add("Times include process start-up (the .NET runtime's ~0.1 s against curl's few ms), as a user experiences it.");
        return result;
    }
}
