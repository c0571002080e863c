using System.Diagnostics;
using System.Security.Cryptography;
using Baton.Client.Downloads;
using Baton.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Baton.Cli.Tests.Get;

/// <summary>
/// Issue 11 item 9: a <c>baton get</c> killed (SIGKILL) within its first second used to lose everything, because the control file
/// was first written a save interval (2 s) after the transfer began. It is now written at the first progress tick with bytes.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class GetEarlyKillTests : IDisposable
{
    private const int MiB = 1 << 20;
    private readonly TempDirectory _dir = new("baton-earlykill-");

    [Fact]
    public async Task A_get_killed_in_its_first_second_resumes_from_its_first_bytes_instead_of_restarting()
    {
        var source = _dir.Combine("source.bin");
        await File.WriteAllBytesAsync(source, RandomNumberGenerator.GetBytes(24 * MiB));
        var firstSegment = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await HeaderRecordingServer.StartAsync(context =>
        {
            if (IsSegment(context.Request.Headers.Range.ToString()))
            {
                firstSegment.TrySetResult(Stopwatch.GetTimestamp());
            }
            return Results.File(source, "application/octet-stream", enableRangeProcessing: true,
                lastModified: new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero), entityTag: new EntityTagHeaderValue("\"v1\"")).ExecuteAsync(context);
        });
        var url = server.Url("big.bin").AbsoluteUri;
        var target = _dir.Combine("big.bin");
        var control = ControlFile.PathFor(target + ".part");

        DownloadState? saved;
        await using (var first = BatonCli.Start(["get", url, "-o", target, "-c", "1", "--limit-rate", "1m", "--json"]))
        {
            var started = await firstSegment.Task.WaitAsync(TimeSpan.FromMinutes(1));
            // The signal: a control file that claims bytes. It must come well before the 2 s save interval, then SIGKILL at once.
            while ((saved = ControlFile.TryLoad(control)) is null || Written(saved) == 0)
            {
                Assert.False(first.HasExited, first.Output);
                Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(1.5),
                    "no control file claiming bytes within 1.5 s of the first segment request");
                await Task.Delay(10);
            }
            await first.KillAsync();
        }
        var firstRun = server.Requests.Count;
        var second = await BatonCli.RunAsync(["get", url, "-o", target, "--json"], TimeSpan.FromMinutes(2));

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("\"resumed\":true", second.Output);
        Assert.Equal(await File.ReadAllBytesAsync(source), await File.ReadAllBytesAsync(target));
        // Server side: the rerun asked only for what was missing — no segment request from byte 0 again.
        var rerunSegments = server.Requests.Skip(firstRun).Select(r => r.Range).Where(IsSegment).ToList();
        Assert.NotEmpty(rerunSegments);
        Assert.DoesNotContain(rerunSegments, r => r!.StartsWith("bytes=0-", StringComparison.Ordinal));
        Assert.InRange(Written(saved), 1, 24 * MiB - 1);
    }

    /// <summary>A segment request, not the probe's one-byte range.</summary>
    private static bool IsSegment(string? range) => range is { Length: > 0 } && range != "bytes=0-0";

    private static long Written(DownloadState state) => state.Segments.Sum(s => s.Written - s.Start);

    public void Dispose() => _dir.Dispose();
}
