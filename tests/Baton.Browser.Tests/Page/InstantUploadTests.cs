using System.Collections.Concurrent;
using Baton.Testing;
using Microsoft.Playwright;

namespace Baton.Browser.Tests.Page;

/// <summary>
/// Issue 15 item 6, the page: every file is hashed (SHA-256, hash-wasm in a Web Worker) while it uploads; once the hash is known
/// a digest-first creation asks the server, which completes a file it already holds — the running upload is stopped and
/// terminated, the row says "Already on the server", and no second copy is stored. A large file keeps the page responsive.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class InstantUploadTests(ChromiumFixture chromium)
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task The_same_file_uploaded_again_is_already_on_the_server_and_stored_once()
    {
        using var originals = new TempDirectory();
        var file = originals.WriteRandomFile("again.bin", 24 * MiB + 5, seed: 15);
        // A slow link: the second upload is still running when its hash is known (hashing 24 MiB takes well under a second).
        var link = new ThrottledUploads(8 * MiB);
        await using var server = await BatonTestServer.StartAsync(services: link.Install);
        using var releaseOnExit = link;
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        var requests = new ConcurrentQueue<(string Method, string Url, bool Digest)>();
        page.Request += (_, r) => requests.Enqueue((r.Method, r.Url, r.Headers.ContainsKey("repr-digest")));
        await session.GotoAsync();

        await page.AddFilesAsync(file);
        await page.WaitForStatusAsync("again.bin", "complete", 60_000);
        Assert.Equal(FileHashes.Sha256Of(file), FileHashes.StoredSha256(server, "again.bin"));
        await page.Transfer("again.bin").Locator(".transfer-remove").ClickAsync();
        await page.Transfer("again.bin").WaitForAsync(new() { State = WaitForSelectorState.Detached });
        var firstRun = requests.Count;

        var log = new ConcurrentQueue<string>();
        page.Response += (_, r) => log.Enqueue($"{r.Request.Method} {r.Url} {r.Status} offset={r.Headers.GetValueOrDefault("upload-offset")}");
        page.Console += (_, m) => log.Enqueue("console " + m.Type + " " + m.Text);
        await page.AddFilesAsync(file);
        try
        {
            await page.WaitForStatusAsync("again.bin", "instant", 60_000);
        }
        catch (TimeoutException)
        {
            Assert.Fail(string.Join("\n", log) + "\nrow: " + await page.Transfer("again.bin").GetAttributeAsync("data-status") + " hash=" + await page.Transfer("again.bin").GetAttributeAsync("data-hash"));
        }

        Assert.Equal("Already on the server", await page.Transfer("again.bin").Locator(".transfer-status").TextContentAsync());
        Assert.Equal(["again.bin"], server.StoredFileNames().Where(n => n.StartsWith("again", StringComparison.Ordinal)));
        Assert.Equal(FileHashes.Sha256Of(file), FileHashes.StoredSha256(server, "again.bin"));
        var second = requests.Skip(firstRun).ToList();
        Assert.Contains(second, r => r is { Method: "POST", Digest: true });
        // The upload that ran while hashing was stopped and its partial upload ended on the server (tus termination).
        Assert.Contains(second, r => r.Method == "DELETE" && r.Url.Contains("/uploads/", StringComparison.Ordinal));
        session.AssertNoErrors();
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public async Task A_200_MiB_file_is_hashed_off_the_main_thread_while_it_uploads_and_the_page_keeps_painting()
    {
        using var originals = new TempDirectory();
        var big = originals.WriteRandomFile("large.bin", 200 * MiB, seed: 16);
        await using var server = await BatonTestServer.StartAsync();
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();
        // Frames painted while the file is hashed: a main thread busy hashing (or holding the file) would stop them.
        await page.EvaluateAsync("""
            () => {
              window.frames_ = { count: 0, maxGap: 0, last: performance.now() };
              const tick = (now) => {
                window.frames_.maxGap = Math.max(window.frames_.maxGap, now - window.frames_.last);
                window.frames_.last = now;
                window.frames_.count++;
                if (!window.frames_.stop) requestAnimationFrame(tick);
              };
              requestAnimationFrame(tick);
            }
            """);

        await page.AddFilesAsync(big);
        await page.Locator("li.transfer[data-name='large.bin'][data-hash='hashing']").WaitForAsync();
        await page.Locator("li.transfer[data-name='large.bin'][data-hash='done']").WaitForAsync(new() { Timeout = 120_000 });
        var frames = await page.EvaluateAsync<double[]>("() => { window.frames_.stop = true; return [window.frames_.count, window.frames_.maxGap]; }");
        await page.WaitForStatusAsync("large.bin", "complete", 180_000);

        Assert.True(frames[0] >= 10, $"only {frames[0]} frames painted while hashing");
        Assert.True(frames[1] < 1000, $"the page froze for {frames[1]:0} ms while hashing ({frames[0]} frames)");
        Assert.Equal(FileHashes.Sha256Of(big), FileHashes.StoredSha256(server, "large.bin"));
        session.AssertNoErrors();
    }
}
