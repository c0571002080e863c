using System.Diagnostics;
using Baton.Client.Downloads;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.Interop.Tests.Client;

/// <summary><c>baton get</c> as a separate process against Debian's nginx on loopback.</summary>
public class NginxGetTests(ITestOutputHelper output)
{
    private const int MiB = 1 << 20;

    [Fact]
    public async Task A_full_download_is_byte_identical()
    {
        await using var nginx = await NginxServer.StartAsync();
        var source = nginx.Root.WriteRandomFile("data/full.bin", 12 * MiB + 321);
        using var dir = new TempDirectory();
        var target = dir.Combine("full.bin");

        var run = await BatonCli.RunAsync(["get", nginx.Url("data/full.bin").AbsoluteUri, "-o", target, "--json"]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(target));
        Assert.Contains("\"type\":\"result\"", run.Output);
        Assert.False(File.Exists(target + ".part"));
        Assert.False(File.Exists(target + ".part.baton"));
    }

    [Fact]
    public async Task Without_output_the_name_comes_from_the_url_and_a_second_run_is_already_complete()
    {
        await using var nginx = await NginxServer.StartAsync();
        var source = nginx.Root.WriteRandomFile("two words.bin", 3 * MiB);
        using var dir = new TempDirectory();
        var url = nginx.Url("two%20words.bin").AbsoluteUri;

        var first = await BatonCli.RunAsync(["get", url], workingDirectory: dir.Path);
        var second = await BatonCli.RunAsync(["get", url], workingDirectory: dir.Path);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(dir.Combine("two words.bin")));
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("already complete", second.Output);
    }

    [Fact]
    public async Task Killed_with_sigkill_mid_way_it_resumes_to_a_byte_identical_file()
    {
        await using var nginx = await NginxServer.StartAsync(limitRate: "2m");
        var source = nginx.Root.WriteRandomFile("big.bin", 16 * MiB);
        using var dir = new TempDirectory();
        var target = dir.Combine("big.bin");
        var url = nginx.Url("big.bin", limited: true).AbsoluteUri;

        await using (var first = BatonCli.Start(["get", url, "-o", target, "-c", "2"]))
        {
            await WaitForSavedProgressAsync(target + ".part.baton", 2 * MiB);
            await first.KillAsync();
        }
        Assert.True(File.Exists(target + ".part"));
        var second = await BatonCli.RunAsync(["get", url, "-o", target, "-c", "8"]);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("resumed", second.Output);
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(target));
    }

    [Fact]
    public async Task Eight_connections_are_several_times_faster_than_one_against_a_per_connection_rate_limit()
    {
        await using var nginx = await NginxServer.StartAsync(limitRate: "2m");
        var source = nginx.Root.WriteRandomFile("rate.bin", 16 * MiB);
        using var dir = new TempDirectory();
        var url = nginx.Url("rate.bin", limited: true).AbsoluteUri;

        var one = await TimeAsync(["get", url, "-o", dir.Combine("one.bin"), "-c", "1", "-q"]);
        var eight = await TimeAsync(["get", url, "-o", dir.Combine("eight.bin"), "-c", "8", "-q"]);

        output.WriteLine($"16 MiB at limit_rate 2m per connection: -c 1 {one.TotalSeconds:0.00} s, -c 8 {eight.TotalSeconds:0.00} s, speed-up {one / eight:0.0}x");
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(dir.Combine("one.bin")));
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(dir.Combine("eight.bin")));
        Assert.True(one / eight >= 3, $"-c 1 took {one}, -c 8 took {eight}");
    }

    [Fact]
    public async Task Limit_rate_caps_all_connections_together()
    {
        await using var nginx = await NginxServer.StartAsync();
        var source = nginx.Root.WriteRandomFile("capped.bin", 4 * MiB);
        using var dir = new TempDirectory();
        var target = dir.Combine("capped.bin");

        // 4 MiB at 2 MiB/s over 4 connections: after the quarter-second burst (0.5 MiB), at least 1.75 s whatever the connection count.
        var elapsed = await TimeAsync(["get", nginx.Url("capped.bin").AbsoluteUri, "-o", target, "-c", "4", "--limit-rate", "2m", "-q"]);

        output.WriteLine($"4 MiB with --limit-rate 2m -c 4: {elapsed.TotalSeconds:0.00} s");
        Assert.True(elapsed >= TimeSpan.FromSeconds(1.6), $"took only {elapsed}");
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(target));
    }

    [Fact]
    public async Task A_file_replaced_between_attempts_yields_the_new_file_never_a_splice()
    {
        await using var nginx = await NginxServer.StartAsync(limitRate: "2m");
        nginx.Root.WriteRandomFile("moving.bin", 8 * MiB, seed: 1);
        using var dir = new TempDirectory();
        var target = dir.Combine("moving.bin");
        var url = nginx.Url("moving.bin", limited: true).AbsoluteUri;
        await InterruptAfterProgressAsync(url, target);

        var replacement = nginx.Root.WriteRandomFile("moving.bin", 8 * MiB, seed: 2);
        File.SetLastWriteTimeUtc(replacement, DateTime.UtcNow.AddHours(1));
        var refused = await BatonCli.RunAsync(["get", url, "-o", target, "--no-restart"]);
        var second = await BatonCli.RunAsync(["get", url, "-o", target, "-c", "8"]);

        Assert.Equal(5, refused.ExitCode);
        Assert.Contains("changed", refused.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("restarted", second.Output);
        Assert.Contains("starting over", second.Output);
        Assert.Equal(FileHashes.Sha256(replacement), FileHashes.Sha256(target));
    }

    [Fact]
    public async Task A_checksum_mismatch_exits_non_zero_and_leaves_no_file()
    {
        await using var nginx = await NginxServer.StartAsync();
        nginx.Root.WriteRandomFile("c.bin", 2 * MiB);
        using var dir = new TempDirectory();
        var target = dir.Combine("c.bin");

        var run = await BatonCli.RunAsync(["get", nginx.Url("c.bin").AbsoluteUri, "-o", target, "--checksum", "sha256=" + new string('0', 64)]);

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("mismatch", run.Output);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".part"));
    }

    [Fact]
    public async Task A_correct_checksum_passes_and_is_reported()
    {
        await using var nginx = await NginxServer.StartAsync();
        var source = nginx.Root.WriteRandomFile("ok.bin", 2 * MiB);
        using var dir = new TempDirectory();

        var run = await BatonCli.RunAsync(["get", nginx.Url("ok.bin").AbsoluteUri, "-o", dir.Path + "/", "--checksum", "sha256=" + FileHashes.Sha256(source)]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("--checksum sha256", run.Output);
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(dir.Combine("ok.bin")));
    }

    [Fact]
    public async Task Interrupted_with_sigint_it_saves_the_control_file_exits_130_and_resumes()
    {
        await using var nginx = await NginxServer.StartAsync(limitRate: "2m");
        var source = nginx.Root.WriteRandomFile("int.bin", 8 * MiB);
        using var dir = new TempDirectory();
        var target = dir.Combine("int.bin");
        var url = nginx.Url("int.bin", limited: true).AbsoluteUri;

        await using var first = BatonCli.Start(["get", url, "-o", target, "-c", "1"]);
        await WaitForSavedProgressAsync(target + ".part.baton", MiB);
        using (var signal = Process.Start("kill", ["-INT", first.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }
        await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var saved = ControlFile.TryLoad(target + ".part.baton");
        var second = await BatonCli.RunAsync(["get", url, "-o", target, "-c", "8"]);

        Assert.Equal(130, first.ExitCode);
        Assert.NotNull(saved);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("resumed", second.Output);
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(target));
    }

    [Fact]
    public async Task An_input_file_downloads_every_listed_url_into_the_output_folder()
    {
        await using var nginx = await NginxServer.StartAsync();
        var a = nginx.Root.WriteRandomFile("list/a.bin", MiB, seed: 3);
        var b = nginx.Root.WriteRandomFile("list/b.bin", 3 * MiB, seed: 4);
        using var dir = new TempDirectory();
        var list = dir.Combine("urls.txt");
        File.WriteAllText(list, $"# two files\n{nginx.Url("list/a.bin")}\n\n{nginx.Url("list/b.bin")}\n");

        var run = await BatonCli.RunAsync(["get", "-i", list, "-o", dir.Combine("out")]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal(FileHashes.Sha256(a), FileHashes.Sha256(dir.Combine("out", "a.bin")));
        Assert.Equal(FileHashes.Sha256(b), FileHashes.Sha256(dir.Combine("out", "b.bin")));
    }

    [Fact]
    public async Task A_missing_file_exits_with_the_not_found_code()
    {
        await using var nginx = await NginxServer.StartAsync();
        using var dir = new TempDirectory();

        var run = await BatonCli.RunAsync(["get", nginx.Url("nope.bin").AbsoluteUri, "-o", dir.Combine("nope.bin")]);

        Assert.Equal(6, run.ExitCode);
        Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("baton: error:", StringComparison.Ordinal));
    }

    private static async Task InterruptAfterProgressAsync(string url, string target)
    {
        await using var first = BatonCli.Start(["get", url, "-o", target, "-c", "1"]);
        await WaitForSavedProgressAsync(target + ".part.baton", MiB);
        await first.KillAsync();
    }

    /// <summary>Polls the control file (saved every 2 s) until it records at least <paramref name="bytes"/> on disk.</summary>
    private static async Task WaitForSavedProgressAsync(string controlFile, long bytes)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (ControlFile.TryLoad(controlFile) is { } state && state.Segments.Sum(s => s.Written - s.Start) >= bytes)
            {
                return;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{controlFile} never recorded {bytes} bytes");
    }

    private static async Task<TimeSpan> TimeAsync(string[] arguments)
    {
        var watch = Stopwatch.StartNew();
        var run = await BatonCli.RunAsync(arguments);
        watch.Stop();
        Assert.True(run.ExitCode == 0, run.Output);
        return watch.Elapsed;
    }
}
