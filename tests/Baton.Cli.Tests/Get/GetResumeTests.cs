using System.Security.Cryptography;
using Baton.Client.Downloads;
using Baton.Testing;

namespace Baton.Cli.Tests.Get;

/// <summary><c>baton get</c> as a process killed with SIGKILL mid-download (writeback started, control file saved), then rerun.</summary>
public class GetResumeTests
{
    private const int MiB = 1 << 20;

    [Fact]
    public async Task A_killed_get_resumes_to_the_exact_file()
    {
        await using var nginx = await NginxServer.StartAsync();
        var source = nginx.Root.WriteRandomFile("big.bin", 48 * MiB);
        using var dir = new TempDirectory();
        var target = dir.Combine("big.bin");
        var control = ControlFile.PathFor(target + ".part");

        await using (var first = BatonCli.Start(["get", nginx.Url("big.bin").ToString(), "-o", target, "-c", "2", "--limit-rate", "2m", "--json"]))
        {
            // The control file is saved every 2 s: wait (bounded) until one claims bytes, then kill without any cleanup.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (ControlFile.TryLoad(control) is not { } state || state.Segments.Sum(s => s.Written - s.Start) < 2 * MiB)
            {
                Assert.False(first.HasExited, first.Output);
                Assert.True(DateTime.UtcNow < deadline, "no control file with progress within 60 s");
                await Task.Delay(50);
            }
            await first.KillAsync();
        }
        var saved = ControlFile.TryLoad(control);
        var second = await BatonCli.RunAsync(["get", nginx.Url("big.bin").ToString(), "-o", target, "-c", "4", "--json"], TimeSpan.FromMinutes(2));

        Assert.NotNull(saved);
        Assert.True(saved.Segments.Sum(s => s.Written - s.Start) < 48 * MiB);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("\"resumed\":true", second.Output);
        Assert.Equal(Hash(source), Hash(target));
        Assert.False(File.Exists(control));
        Assert.False(File.Exists(target + ".part"));
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
