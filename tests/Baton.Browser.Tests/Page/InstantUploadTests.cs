using System.Collections.Concurrent;
using Baton.Testing;
using Microsoft.Playwright;

namespace Baton.Browser.Tests.Page;

/// <summary>
/// Issue 15 item 6, the page: every file is hashed (SHA-256 in WebAssembly, in a Web Worker) while it uploads; once the hash is known
/// a digest-first creation asks the server, which completes a file it already holds — the running upload is stopped and
/// terminated, the row says "Already on the server", and no second copy is stored. A file this browser uploaded before is
/// hashed first instead (its upload held until the server answered). A large file keeps the page responsive.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class InstantUploadTests(ChromiumFixture chromium)
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task The_same_file_added_in_another_browser_is_already_on_the_server_and_stored_once()
    {
        using var originals = new TempDirectory();
        var file = originals.WriteRandomFile("again.bin", 24 * MiB + 5, seed: 15);
        // A slow link: the second upload is still running when its hash is known (hashing 24 MiB takes well under a second).
        var link = new ThrottledUploads(8 * MiB);
        await using var server = await BatonTestServer.StartAsync(services: link.Install);
        using var releaseOnExit = link;
        await using (var first = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress))
        {
            await first.GotoAsync();
            await first.Page.AddFilesAsync(file);
            await first.Page.WaitForStatusAsync("again.bin", "complete", 60_000);
            first.AssertNoErrors();
        }
        Assert.Equal(FileHashes.Sha256Of(file), FileHashes.StoredSha256(server, "again.bin"));

        // Another browser (its own storage) does not know the file: it uploads while it hashes, as for any new file.
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        var requests = new ConcurrentQueue<(string Method, string Url, bool Digest)>();
        page.Request += (_, r) => requests.Enqueue((r.Method, r.Url, r.Headers.ContainsKey("repr-digest")));
        await session.GotoAsync();
        await page.AddFilesAsync(file);
        await page.WaitForStatusAsync("again.bin", "instant", 60_000);

        Assert.Equal("Already on the server", await page.Transfer("again.bin").Locator(".transfer-status").TextContentAsync());
        Assert.Equal(["again.bin"], server.StoredFileNames().Where(n => n.StartsWith("again", StringComparison.Ordinal)));
        Assert.Equal(FileHashes.Sha256Of(file), FileHashes.StoredSha256(server, "again.bin"));
        Assert.Contains(requests, r => r is { Method: "POST", Digest: true });
        // The upload that ran while hashing was stopped and its partial upload ended on the server (tus termination).
        Assert.Contains(requests, r => r.Method == "PATCH");
        Assert.Contains(requests, r => r.Method == "DELETE" && r.Url.Contains("/uploads/", StringComparison.Ordinal));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task A_file_this_browser_uploaded_before_waits_for_its_hash_and_is_not_uploaded_again()
    {
        // The race this guards against: on a fast link (loopback, no throttle) the upload of a file the server already holds
        // could finish before its hash, uploading every byte again and never saying "Already on the server". A file this
        // browser finished before is hashed first: its creation is held until the server has answered the digest-first one.
        using var originals = new TempDirectory();
        var file = originals.WriteRandomFile("known.bin", 48 * MiB + 3, seed: 17);
        await using var server = await BatonTestServer.StartAsync();
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();
        await page.AddFilesAsync(file);
        await page.WaitForStatusAsync("known.bin", "complete", 60_000);
        await page.RemoveTransferAsync("known.bin");

        var requests = new ConcurrentQueue<(string Method, bool Digest)>();
        page.Request += (_, r) =>
        {
            if (r.Url.Contains("/uploads", StringComparison.Ordinal))
            {
                requests.Enqueue((r.Method, r.Headers.ContainsKey("repr-digest")));
            }
        };
        await page.AddFilesAsync(file);
        await page.WaitForStatusAsync("known.bin", "instant", 60_000);

        Assert.Equal("Already on the server", await page.Transfer("known.bin").Locator(".transfer-status").TextContentAsync());
        // Only the digest-first creation went out: no tus creation without a digest, not one byte of content.
        Assert.Equal([("POST", true)], requests.Where(r => r.Method is "POST" or "PATCH"));
        Assert.Equal(["known.bin"], server.StoredFileNames().Where(n => n.StartsWith("known", StringComparison.Ordinal)));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task A_file_uploaded_before_but_gone_from_the_server_is_uploaded_once_its_hash_is_known()
    {
        using var originals = new TempDirectory();
        var file = originals.WriteRandomFile("gone.bin", 6 * MiB + 1, seed: 18);
        await using var server = await BatonTestServer.StartAsync();
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();
        await page.AddFilesAsync(file);
        await page.WaitForStatusAsync("gone.bin", "complete", 60_000);
        await page.RemoveTransferAsync("gone.bin");
        using (var deleted = await server.Client.DeleteAsync("files/gone.bin"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        }

        var requests = new ConcurrentQueue<(string Method, bool Digest)>();
        page.Request += (_, r) =>
        {
            if (r.Url.Contains("/uploads", StringComparison.Ordinal))
            {
                requests.Enqueue((r.Method, r.Headers.ContainsKey("repr-digest")));
            }
        };
        await page.AddFilesAsync(file);
        await page.WaitForStatusAsync("gone.bin", "complete", 60_000);

        // The digest-first creation came first (the server no longer had the content), then the ordinary upload.
        var sent = requests.Where(r => r.Method is "POST" or "PATCH").ToList();
        Assert.Equal(("POST", true), sent[0]);
        Assert.Equal(("POST", false), sent[1]);
        Assert.Contains(("PATCH", false), sent.Skip(2));
        Assert.Equal(FileHashes.Sha256Of(file), FileHashes.StoredSha256(server, "gone.bin"));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task A_known_file_paused_and_resumed_while_the_server_answers_is_created_once()
    {
        using var originals = new TempDirectory();
        var file = originals.WriteRandomFile("paused.bin", 3 * MiB + 7, seed: 19);
        var held = new HeldDigestCreations();
        await using var server = await BatonTestServer.StartAsync(services: held.Install);
        using var releaseOnExit = held;
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();
        await page.AddFilesAsync(file);
        await page.WaitForStatusAsync("paused.bin", "complete", 60_000);
        await page.RemoveTransferAsync("paused.bin");
        using (var deleted = await server.Client.DeleteAsync("files/paused.bin"))
        {
            Assert.Equal(System.Net.HttpStatusCode.NoContent, deleted.StatusCode);
        }
        held.Hold();

        var creations = 0;
        page.Request += (_, r) =>
        {
            if (r.Method == "POST" && r.Url.EndsWith("/uploads", StringComparison.Ordinal) && !r.Headers.ContainsKey("repr-digest"))
            {
                Interlocked.Increment(ref creations);
            }
        };
        await page.AddFilesAsync(file);
        // Known to this browser: its creation waits for the answer, which the server holds back while the user pauses and resumes.
        await held.Arrived.WaitAsync(TimeSpan.FromSeconds(30));
        await page.Transfer("paused.bin").Locator(".transfer-toggle").ClickAsync();
        await page.WaitForStatusAsync("paused.bin", "paused");
        await page.Transfer("paused.bin").Locator(".transfer-toggle").ClickAsync();
        await page.WaitForStatusAsync("paused.bin", "uploading");
        held.Release();
        await page.WaitForStatusAsync("paused.bin", "complete", 60_000);

        // The aborted attempt's creation never went out: one upload created, not an orphan beside it.
        Assert.Equal(1, Volatile.Read(ref creations));
        Assert.Equal(FileHashes.Sha256Of(file), FileHashes.StoredSha256(server, "paused.bin"));
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
