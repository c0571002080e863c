using System.Security.Cryptography;
using Baton.Client.Downloads;
using Baton.Client.Transfers;
using Baton.Testing;

namespace Baton.Client.Tests.Downloads;

/// <summary>The library against real servers on loopback: nginx, a signed-URL CDN imitation, and deliberately faulty servers.</summary>
public class FileDownloaderTests
{
    private const int MiB = 1 << 20;

    private static string Sha(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }

    private static DownloadOptions Fast(string output) => new()
    {
        OutputPath = output,
        RetryDelay = TimeSpan.FromMilliseconds(10),
        MinimumSegmentBytes = 256 * 1024,
        SaveInterval = TimeSpan.FromMilliseconds(100),
    };

    [Fact]
    public async Task An_expired_signed_redirect_is_resolved_again_from_the_original_url()
    {
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("source.bin", 6 * MiB);
        await using var server = await RedirectingFileServer.StartAsync(source, usesPerToken: 4);
        using var http = new HttpClient();
        var target = dir.Combine("out.bin");

        var result = await new FileDownloader(http).DownloadAsync(server.FileUrl, Fast(target) with { Connections = 6 });

        Assert.Equal(Sha(source), Sha(target));
        Assert.True(server.Redirects > 1, "the expired signed URL should have been replaced by asking the original URL again");
        Assert.Contains("/signed", result.FinalUrl.AbsolutePath);
    }

    [Fact]
    public async Task A_correct_repr_digest_is_verified()
    {
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("source.bin", 3 * MiB);
        await using var server = await RedirectingFileServer.StartAsync(source, usesPerToken: 1000, ReprDigestMode.Correct);
        using var http = new HttpClient();
        var target = dir.Combine("out.bin");

        var result = await new FileDownloader(http).DownloadAsync(server.FileUrl, Fast(target));

        Assert.Equal("Repr-Digest sha-256", result.Verified);
        Assert.Equal(Sha(source), Sha(target));
    }

    [Fact]
    public async Task A_wrong_repr_digest_fails_and_leaves_no_bytes_behind()
    {
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("source.bin", 3 * MiB);
        await using var server = await RedirectingFileServer.StartAsync(source, usesPerToken: 1000, ReprDigestMode.Wrong);
        using var http = new HttpClient();
        var target = dir.Combine("out.bin");

        var e = await Assert.ThrowsAsync<TransferException>(() => new FileDownloader(http).DownloadAsync(server.FileUrl, Fast(target)));

        Assert.Equal(TransferFailure.VerificationFailed, e.Failure);
        Assert.False(File.Exists(target));
        Assert.False(File.Exists(target + ".part"));
        Assert.False(File.Exists(target + ".part.baton"));
    }

    [Fact]
    public async Task A_server_that_ignores_range_still_yields_the_exact_file()
    {
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("source.bin", 5 * MiB + 17);
        await using var server = new FaultyFileServer(source, FaultyServerMode.IgnoreRange);
        using var http = new HttpClient();
        var target = dir.Combine("out.bin");

        var result = await new FileDownloader(http).DownloadAsync(new Uri(server.BaseAddress, "f.bin"), Fast(target) with { Connections = 8 });

        Assert.Equal(Sha(source), Sha(target));
        Assert.Equal(1, result.Connections);
    }

    [Fact]
    public async Task A_server_that_drops_connections_still_yields_the_exact_file()
    {
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("source.bin", 8 * MiB + 5);
        await using var server = new FaultyFileServer(source, FaultyServerMode.DropConnections);
        using var http = new HttpClient();
        var target = dir.Combine("out.bin");

        await new FileDownloader(http).DownloadAsync(new Uri(server.BaseAddress, "f.bin"), Fast(target) with { Connections = 4, Retries = 10 });

        Assert.Equal(Sha(source), Sha(target));
        Assert.True(server.Drops > 0, "the server should have dropped some connections");
    }

    [Fact]
    public async Task A_stalled_connection_is_abandoned_and_its_segment_finished_by_a_retry()
    {
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("source.bin", 4 * MiB);
        await using var server = new FaultyFileServer(source, FaultyServerMode.StallOnce);
        using var http = new HttpClient();
        var target = dir.Combine("out.bin");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await new FileDownloader(http).DownloadAsync(new Uri(server.BaseAddress, "f.bin"),
            Fast(target) with { Connections = 2, StallTimeout = TimeSpan.FromMilliseconds(500) });

        Assert.Equal(1, server.Stalls);
        Assert.Equal(Sha(source), Sha(target));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1025)]
    public async Task Tiny_and_empty_files_download_exactly(int length)
    {
        await using var nginx = await NginxServer.StartAsync();
        var source = nginx.Root.WriteRandomFile("tiny.bin", length);
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddMinutes(-1));
        using var dir = new TempDirectory();
        var target = dir.Combine("tiny.bin");
        using var http = new HttpClient();

        var result = await new FileDownloader(http).DownloadAsync(nginx.Url("tiny.bin"), Fast(target) with { Connections = 4 });

        Assert.Equal(length, result.Length);
        Assert.Equal(Sha(source), Sha(target));
    }

    [Fact]
    public async Task A_truncated_control_file_beside_a_garbage_part_file_restarts_cleanly()
    {
        await using var nginx = await NginxServer.StartAsync();
        var source = nginx.Root.WriteRandomFile("a.bin", 4 * MiB);
        using var dir = new TempDirectory();
        var target = dir.Combine("a.bin");
        var url = nginx.Url("a.bin");
        using var http = new HttpClient();
        // A control file claiming everything is written, cut short mid-way, beside a part file of garbage.
        File.WriteAllBytes(target + ".part", Enumerable.Repeat((byte)0xAA, 4 * MiB).ToArray());
        var state = new DownloadState { Url = url.AbsoluteUri, FinalUrl = url.AbsoluteUri, Length = 4 * MiB, Segments = [new(0, 4 * MiB, 4 * MiB)] };
        ControlFile.Save(target + ".part.baton", state);
        var bytes = File.ReadAllBytes(target + ".part.baton");
        File.WriteAllBytes(target + ".part.baton", bytes[..(bytes.Length / 2)]);

        var result = await new FileDownloader(http).DownloadAsync(url, Fast(target));

        Assert.False(result.Resumed);
        Assert.Equal(Sha(source), Sha(target));
    }

    [Fact]
    public async Task A_control_file_for_another_representation_is_never_spliced()
    {
        await using var nginx = await NginxServer.StartAsync();
        var source = nginx.Root.WriteRandomFile("a.bin", 4 * MiB);
        using var dir = new TempDirectory();
        var target = dir.Combine("a.bin");
        var url = nginx.Url("a.bin");
        using var http = new HttpClient();
        // Consistent and half done, but for an entity tag the server no longer serves.
        File.WriteAllBytes(target + ".part", Enumerable.Repeat((byte)0xAA, 4 * MiB).ToArray());
        ControlFile.Save(target + ".part.baton", new DownloadState
        {
            Url = url.AbsoluteUri, FinalUrl = url.AbsoluteUri, ETag = "\"old-version\"", Length = 4 * MiB,
            Segments = [new(0, 2 * MiB, 2 * MiB), new(2 * MiB, 4 * MiB, 2 * MiB)],
        });

        var refused = await Assert.ThrowsAsync<TransferException>(() =>
            new FileDownloader(http).DownloadAsync(url, Fast(target) with { AllowRestart = false }));
        var result = await new FileDownloader(http).DownloadAsync(url, Fast(target));

        Assert.Equal(TransferFailure.RemoteChanged, refused.Failure);
        Assert.True(result.Restarted);
        Assert.Equal(Sha(source), Sha(target));
    }

    [Fact]
    public async Task A_cancelled_download_resumes_from_its_control_file()
    {
        await using var nginx = await NginxServer.StartAsync();
        var source = nginx.Root.WriteRandomFile("a.bin", 8 * MiB);
        using var dir = new TempDirectory();
        var target = dir.Combine("a.bin");
        using var http = new HttpClient();
        using var cancel = new CancellationTokenSource();
        var progress = new SynchronousProgress(p =>
        {
            if (p.BytesDone > 2 * MiB)
            {
                cancel.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new FileDownloader(http).DownloadAsync(nginx.Url("a.bin"),
            Fast(target) with { Connections = 2, LimitBytesPerSecond = 8 * MiB }, progress, cancel.Token));
        var saved = ControlFile.TryLoad(target + ".part.baton");
        var result = await new FileDownloader(http).DownloadAsync(nginx.Url("a.bin"), Fast(target) with { Connections = 4 });

        Assert.NotNull(saved);
        Assert.True(saved.Segments.Sum(s => s.Written - s.Start) > 2 * MiB);
        Assert.True(result.Resumed);
        Assert.Equal(Sha(source), Sha(target));
        Assert.False(File.Exists(target + ".part.baton"));
    }

    private sealed class SynchronousProgress(Action<TransferProgress> report) : IProgress<TransferProgress>
    {
        public void Report(TransferProgress value) => report(value);
    }
}
