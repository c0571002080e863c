using System.Globalization;
using System.Text.RegularExpressions;
using Baton.Testing;

namespace Baton.Interop.Tests.Downloads;

/// <summary>
/// curl, wget and aria2c — as users run them — resume a truncated partial of a 64 MiB file from Baton to a byte-identical result.
/// Each asserts the server answered the resume with 206 for exactly the missing bytes, so a silent full re-download cannot pass.
/// </summary>
public sealed class ResumeWithRealClientsTests(DownloadServerFixture fixture) : IClassFixture<DownloadServerFixture>, IDisposable
{
    private const long Partial = 27_123_457; // ~40 %, deliberately not aligned to any buffer size
    private readonly TempDirectory _work = new("baton-interop-");

    public void Dispose() => _work.Dispose();

    [Fact]
    public async Task Curl_continue_at_resumes_to_an_identical_file()
    {
        var target = _work.Combine("curl.bin");
        fixture.WritePartial(target, Partial);
        var run = await RunningProcess.RunAsync("curl",
            ["-sS", "--fail", "-C", "-", "-o", target, "-w", "%{http_code} %{size_download}", fixture.FileUrl.ToString()]);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal($"206 {DownloadServerFixture.Length - Partial}", run.Output.Trim());
        Assert.Equal(fixture.Sha256, await DownloadServerFixture.HashFileAsync(target));
    }

    [Fact]
    public async Task Wget_continue_resumes_to_an_identical_file()
    {
        var target = _work.Combine("wget.bin");
        fixture.WritePartial(target, Partial);
        var run = await RunningProcess.RunAsync("wget", ["-c", "-S", "-nv", "-O", target, fixture.FileUrl.ToString()]);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("HTTP/1.1 206 Partial Content", run.Output);
        Assert.Contains($"Content-Range: bytes {Partial}-{DownloadServerFixture.Length - 1}/{DownloadServerFixture.Length}", run.Output);
        Assert.Equal(fixture.Sha256, await DownloadServerFixture.HashFileAsync(target));
    }

    [Fact]
    public async Task Aria2c_continue_resumes_to_an_identical_file()
    {
        var target = _work.Combine("aria2.bin");
        fixture.WritePartial(target, Partial);
        var run = await RunningProcess.RunAsync("aria2c",
        [
            "-c", "-x1", "-s1", "--file-allocation=none", "--auto-file-renaming=false", "--allow-overwrite=false",
            "--console-log-level=notice", "--summary-interval=0", "--log=-", "--log-level=info",
            "-d", _work.Path, "-o", "aria2.bin", fixture.FileUrl.ToString(),
        ]);
        Assert.True(run.ExitCode == 0, run.Output);
        // aria2 logs its request headers at info level; it resumes from the partial's length rounded down to its 16 KiB block
        var resumedAt = long.Parse(Regex.Match(run.Output, @"Range: bytes=(\d+)-").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(resumedAt, Partial - (16 * 1024), Partial);
        Assert.Contains("HTTP/1.1 206 Partial Content", run.Output);
        Assert.Equal(fixture.Sha256, await DownloadServerFixture.HashFileAsync(target));
    }

    [Fact]
    public async Task After_the_file_is_replaced_an_if_range_with_the_old_etag_gets_the_whole_new_file()
    {
        // A separate server: this test changes the file.
        await using var server = await BatonTestServer.StartAsync();
        var path = server.Root.WriteRandomFile("doc.bin", 4 * 1024 * 1024, seed: 1);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddHours(-1));
        var url = server.Url("files/doc.bin").ToString();
        var head = await RunningProcess.RunAsync("curl", ["-sS", "-I", url]);
        var oldTag = head.Output.Split('\n').Single(l => l.StartsWith("ETag:", StringComparison.OrdinalIgnoreCase))[5..].Trim();

        var replaced = server.Root.WriteRandomFile("doc.bin", 4 * 1024 * 1024, seed: 2);
        File.SetLastWriteTimeUtc(replaced, DateTime.UtcNow.AddHours(-1));
        var target = _work.Combine("new.bin");
        var run = await RunningProcess.RunAsync("curl",
            ["-sS", "--fail", "-H", "If-Range: " + oldTag, "-r", "1000000-", "-o", target, "-w", "%{http_code}", url]);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Equal("200", run.Output.Trim());
        Assert.Equal(await DownloadServerFixture.HashFileAsync(replaced), await DownloadServerFixture.HashFileAsync(target));
    }
}
