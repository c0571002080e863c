using System.Net;
using System.Text;
using Baton.Testing;
using Microsoft.Playwright;

namespace Baton.Browser.Tests.Page;

/// <summary>
/// The issue's user story in Chromium against real Baton: drop files, pause, reload, resume, download them back —
/// all byte-identical — and a disallowed type refused by the page and by the server.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class UploadFlowTests(ChromiumFixture chromium)
{
    private const long BigSize = 50L * 1024 * 1024 + 4321;
    private const long SmallSize = 1024 * 1024 + 17;

    // Simulated link speed for upload bodies: a 50 MiB transfer lasts a few seconds, long enough to be paused mid-way.
    private const long LinkBytesPerSecond = 16L * 1024 * 1024;

    private static void AcceptBinAndText(Baton.Server.BatonOptions o) => o.Uploads.AllowedExtensions = [".bin", ".txt"];

    [Fact]
    public async Task Two_files_upload_the_big_one_pauses_survives_a_reload_resumes_and_both_download_identical()
    {
        using var originals = new TempDirectory();
        var big = originals.WriteRandomFile("big.bin", BigSize, seed: 5);
        var small = originals.WriteRandomFile("small.txt", SmallSize, seed: 6);
        // The link stalls once a quarter of the bytes arrived: the big file cannot finish before it is paused.
        var link = new ThrottledUploads(LinkBytesPerSecond, stallAfterBytes: (BigSize + SmallSize) / 4);
        await using var server = await BatonTestServer.StartAsync(AcceptBinAndText, link.Install);
        using var releaseOnExit = link;
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        var creations = 0;
        var offsetChecks = 0;
        page.Request += (_, request) =>
        {
            // Digest-first creations (instant upload, InstantUploadTests) are asked beside the uploads; only the uploads count.
            if (request.Method == "POST" && request.Url.EndsWith("/uploads", StringComparison.Ordinal) && !request.Headers.ContainsKey("repr-digest"))
            {
                Interlocked.Increment(ref creations);
            }
            if (request.Method == "HEAD" && request.Url.Contains("/uploads/", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref offsetChecks);
            }
        };
        await session.GotoAsync();

        await page.AddFilesAsync(big, small);
        var bigRow = page.Transfer("big.bin");
        await bigRow.Locator(".transfer-eta", new() { HasTextRegex = new("left$") }).WaitForAsync();
        Assert.Matches(@"^\d+(\.\d)? (KiB|MiB)/s$", await bigRow.Locator(".transfer-speed").TextContentAsync());
        Assert.Equal("50 MiB", await bigRow.Locator(".transfer-size").TextContentAsync());
        await page.WaitForProgressAsync("big.bin", 15);
        await page.Transfer("big.bin").Locator(".transfer-toggle").ClickAsync();
        await page.WaitForStatusAsync("big.bin", "paused");
        // Paused: the link may flow again. Kestrel notices the aborted request only once it reads the socket again.
        link.Release();
        await page.WaitForStatusAsync("small.txt", "complete");
        var pausedAt = await page.ProgressOfAsync("big.bin");
        Assert.InRange(pausedAt, 15, 99);
        await page.WaitForRecoveryRecordAsync("big.bin");
        await link.WaitIdleAsync(TimeSpan.FromSeconds(30));
        await page.ScreenshotAsync(new() { Path = Screenshots.PathOf("screenshot-upload.png"), FullPage = true });

        await page.ReloadAsync();
        await session.WaitReadyAsync();
        await page.WaitForStatusAsync("big.bin", "paused");
        Assert.True(await page.ProgressOfAsync("big.bin") > 0, "the restored transfer starts from its saved progress");
        await page.Transfer("big.bin").Locator(".transfer-toggle").ClickAsync();
        await page.WaitForStatusAsync("big.bin", "complete", 120_000);
        Assert.Equal(2, Volatile.Read(ref creations));
        Assert.True(Volatile.Read(ref offsetChecks) >= 1, "the resumed upload asks the server for its offset (tus HEAD)");

        Assert.Equal(FileHashes.Sha256Of(big), FileHashes.StoredSha256(server, "big.bin"));
        Assert.Equal(FileHashes.Sha256Of(small), FileHashes.StoredSha256(server, "small.txt"));

        await page.Locator("#tab-files").ClickAsync();
        var bigLink = page.Locator("#files a.download", new() { HasText = "big.bin" });
        await bigLink.WaitForAsync();
        await page.Locator("#files a.download", new() { HasText = "small.txt" }).WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Screenshots.PathOf("screenshot-files.png"), FullPage = true });
        var download = await page.RunAndWaitForDownloadAsync(() => bigLink.ClickAsync());
        var saved = originals.Combine("downloaded-big.bin");
        await download.SaveAsAsync(saved);
        Assert.Null(await download.FailureAsync());
        Assert.Equal(FileHashes.Sha256Of(big), FileHashes.Sha256Of(saved));

        session.AssertNoErrors();
    }

    [Fact]
    public async Task A_disallowed_type_is_refused_by_the_page_and_by_the_server()
    {
        using var originals = new TempDirectory();
        var evil = originals.WriteRandomFile("tool.exe", 4096);
        var fine = originals.WriteRandomFile("fine.txt", 4096);
        await using var server = await BatonTestServer.StartAsync(AcceptBinAndText);
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();

        await page.AddFilesAsync(evil, fine);

        await page.Locator(".uppy-Informer", new() { HasText = ".bin, .txt" }).First.WaitForAsync();
        await page.WaitForStatusAsync("fine.txt", "complete");
        Assert.Equal(0, await page.Transfer("tool.exe").CountAsync());
        Assert.False(server.StoredFileExists("tool.exe"));
        session.AssertNoErrors();

        // The page's check is a courtesy; the server refuses the same creation on its own (tus §Creation).
        using var create = new HttpRequestMessage(HttpMethod.Post, "/uploads");
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", "4096");
        create.Headers.Add("Upload-Metadata", "filename " + Convert.ToBase64String(Encoding.UTF8.GetBytes("tool.exe")));
        using var refused = await server.Client.SendAsync(create);
        Assert.True(refused.StatusCode is >= HttpStatusCode.BadRequest and < HttpStatusCode.InternalServerError, $"got {(int)refused.StatusCode}");
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)] // each file over three connections, joined by tus concatenation
    public async Task Pause_all_stops_every_transfer_and_resume_all_finishes_them(int parallelUploads)
    {
        using var originals = new TempDirectory();
        var first = originals.WriteRandomFile("first.bin", 24L * 1024 * 1024, seed: 11);
        var second = originals.WriteRandomFile("second.bin", 24L * 1024 * 1024, seed: 12);
        var link = new ThrottledUploads(LinkBytesPerSecond);
        await using var server = await BatonTestServer.StartAsync(o => o.Uploads.SuggestedParallelUploads = parallelUploads, link.Install);
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();

        await page.AddFilesAsync(first, second);
        await page.WaitForProgressAsync("first.bin", 5);
        await page.WaitForProgressAsync("second.bin", 5);
        await page.Locator("#pause-all").ClickAsync();
        await page.WaitForStatusAsync("first.bin", "paused");
        await page.WaitForStatusAsync("second.bin", "paused");
        Assert.True(await page.Locator("#pause-all").IsDisabledAsync());
        await link.WaitIdleAsync(TimeSpan.FromSeconds(30));

        await page.Locator("#resume-all").ClickAsync();
        await page.WaitForStatusAsync("first.bin", "complete", 60_000);
        await page.WaitForStatusAsync("second.bin", "complete", 60_000);
        Assert.Equal(FileHashes.Sha256Of(first), FileHashes.StoredSha256(server, "first.bin"));
        Assert.Equal(FileHashes.Sha256Of(second), FileHashes.StoredSha256(server, "second.bin"));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task Removing_an_unfinished_upload_drops_it_from_the_list_and_the_server()
    {
        using var originals = new TempDirectory();
        var file = originals.WriteRandomFile("dropped.bin", 2L * 1024 * 1024);
        var held = new HeldUploads();
        await using var server = await BatonTestServer.StartAsync(services: held.Install);
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();

        await page.AddFilesAsync(file);
        await page.WaitForStatusAsync("dropped.bin", "uploading");
        var terminated = page.WaitForResponseAsync(r => r.Request.Method == "DELETE" && r.Url.Contains("/uploads/", StringComparison.Ordinal));
        await page.Transfer("dropped.bin").Locator(".transfer-remove").ClickAsync();

        Assert.Equal(204, (await terminated).Status);
        await page.Transfer("dropped.bin").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        held.Release();
        Assert.False(server.StoredFileExists("dropped.bin"));
        session.AssertNoErrors();
    }
}
