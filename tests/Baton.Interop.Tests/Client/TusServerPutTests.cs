using System.Diagnostics;
using Baton.Testing;

namespace Baton.Interop.Tests.Client;

/// <summary><c>baton put</c> as a process against the reference tus server (@tus/server + @tus/file-store).</summary>
public class TusServerPutTests
{
    private const int MiB = 1 << 20;

    [Fact]
    public async Task Killed_at_half_way_it_resumes_and_the_server_holds_an_identical_file()
    {
        await using var tus = await TusServerPeer.StartAsync();
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("upload.bin", 64 * MiB);
        var environment = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = dir.Combine("state") };

        await using (var first = BatonCli.Start(["put", source, tus.Endpoint.AbsoluteUri, "--limit-rate", "32m", "--chunk-size", "4m"], environment: environment))
        {
            var watch = Stopwatch.StartNew();
            while (!(tus.Uploads() is [var partial] && partial.Length >= 32 * MiB))
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the upload never reached half way: " + first.Output);
                Assert.False(first.HasExited, "put finished before it could be killed: " + first.Output);
                await Task.Delay(20);
            }
            await first.KillAsync();
        }
        var halfway = tus.Uploads().Single().Length;
        var second = await BatonCli.RunAsync(["put", source, tus.Endpoint.AbsoluteUri], environment: environment);

        Assert.True(halfway < 64 * MiB);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("resumed", second.Output);
        var stored = Assert.Single(tus.Uploads());
        Assert.Contains(stored.Name, second.Output);
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(stored.FullName));
    }

    [Fact]
    public async Task An_upload_the_server_no_longer_knows_is_created_anew_on_the_next_run()
    {
        await using var tus = await TusServerPeer.StartAsync();
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("forgotten.bin", 16 * MiB);
        var environment = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = dir.Combine("state") };
        await using (var first = BatonCli.Start(["put", source, tus.Endpoint.AbsoluteUri, "--limit-rate", "8m", "--chunk-size", "1m"], environment: environment))
        {
            var watch = Stopwatch.StartNew();
            while (!(tus.Uploads() is [var partial] && partial.Length >= 2 * MiB))
            {
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "the upload never started: " + first.Output);
                await Task.Delay(20);
            }
            await first.KillAsync();
        }
        var forgotten = tus.Uploads().Single();
        forgotten.Delete();
        File.Delete(forgotten.FullName + ".json");

        var second = await BatonCli.RunAsync(["put", source, tus.Endpoint.AbsoluteUri], environment: environment);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.DoesNotContain("resumed", second.Output);
        var stored = Assert.Single(tus.Uploads());
        Assert.NotEqual(forgotten.Name, stored.Name);
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(stored.FullName));
    }

    [Fact]
    public async Task Parallel_without_concatenation_uploads_sequentially_with_a_notice()
    {
        await using var tus = await TusServerPeer.StartAsync();
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("p.bin", 3 * MiB);
        var environment = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = dir.Combine("state") };

        var run = await BatonCli.RunAsync(["put", source, tus.Endpoint.AbsoluteUri, "--parallel", "4", "--metadata", "owner=ann"], environment: environment);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("does not offer tus concatenation", run.Output);
        var stored = Assert.Single(tus.Uploads());
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(stored.FullName));
        Assert.Contains("owner", File.ReadAllText(stored.FullName + ".json"));
    }

    [Fact]
    public async Task The_same_put_again_is_a_second_normal_upload_to_a_server_without_instant_uploads()
    {
        // @tus/server offers no Baton-File-Digest: nothing is hashed first, no digest-first creation, the bytes go again.
        await using var tus = await TusServerPeer.StartAsync();
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("twice.bin", 3 * MiB + 5);
        var environment = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = dir.Combine("state") };
        string[] put = ["put", source, tus.Endpoint.AbsoluteUri, "--json"];

        var first = await BatonCli.RunAsync(put, environment: environment);
        var second = await BatonCli.RunAsync(put, environment: environment);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.True(second.ExitCode == 0, second.Output);
        Assert.DoesNotContain("\"phase\":\"hashing\"", first.Output + second.Output);
        Assert.Contains("\"alreadyStored\":false", second.Output);
        Assert.Equal(2, tus.Uploads().Length);
        Assert.All(tus.Uploads(), u => Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(u.FullName)));
    }
}
