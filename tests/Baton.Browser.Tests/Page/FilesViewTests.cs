using Baton.Testing;
using Microsoft.Playwright;

namespace Baton.Browser.Tests.Page;

/// <summary>The Files view over the Files API: listing, folders, download, copy-link, delete, refresh on upload.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class FilesViewTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Lists_files_and_folders_and_opens_a_folder()
    {
        await using var server = await BatonTestServer.StartAsync();
        server.WriteRandomFile("report.txt", 2500);
        server.WriteRandomFile("photos/cat picture.bin", 3 * 1024 * 1024);
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();

        await page.Locator("#tab-files").ClickAsync();

        var report = page.Locator("#files tr[data-path='report.txt']");
        await report.WaitForAsync();
        Assert.Equal("2.4 KiB", await report.Locator("td.num").TextContentAsync());
        Assert.False(string.IsNullOrWhiteSpace(await report.Locator("td.date").TextContentAsync()));
        await page.Locator("#files tr[data-path='photos'] button.folder").ClickAsync();
        var picture = page.Locator("#files tr[data-path='photos/cat picture.bin']");
        await picture.WaitForAsync();
        Assert.Equal("3 MiB", await picture.Locator("td.num").TextContentAsync());
        Assert.EndsWith("/files/photos/cat%20picture.bin", await picture.Locator("a.download").GetAttributeAsync("href"));
        await page.Locator("#crumbs button", new() { HasText = "All files" }).ClickAsync();
        await report.WaitForAsync();
        session.AssertNoErrors();
    }

    [Fact]
    public async Task The_download_link_returns_identical_bytes_and_copy_link_copies_its_absolute_url()
    {
        await using var server = await BatonTestServer.StartAsync();
        var original = server.WriteRandomFile("data.bin", 5 * 1024 * 1024 + 3, seed: 9);
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await session.GotoAsync();
        await page.Locator("#tab-files").ClickAsync();
        var row = page.Locator("#files tr[data-path='data.bin']");

        var download = await page.RunAndWaitForDownloadAsync(() => row.Locator("a.download").ClickAsync());
        using var saved = new TempDirectory();
        await download.SaveAsAsync(saved.Combine("data.bin"));
        Assert.Equal(FileHashes.Sha256Of(original), FileHashes.Sha256Of(saved.Combine("data.bin")));

        await row.Locator("button.copy").ClickAsync();
        await page.Locator("#files-status", new() { HasText = "copied" }).WaitForAsync();
        Assert.Equal(server.Url("files/data.bin").ToString(), await page.EvaluateAsync<string>("navigator.clipboard.readText()"));
        session.AssertNoErrors();
    }

    [Fact]
    public async Task Delete_asks_first_then_removes_the_file()
    {
        await using var server = await BatonTestServer.StartAsync();
        server.WriteRandomFile("doomed.bin", 1000);
        server.WriteRandomFile("kept.bin", 1000);
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();
        await page.Locator("#tab-files").ClickAsync();
        var row = page.Locator("#files tr[data-path='doomed.bin']");

        var accept = false;
        var dismissed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        page.Dialog += async (_, dialog) =>
        {
            Assert.Equal("confirm", dialog.Type);
            if (accept)
            {
                await dialog.AcceptAsync();
                return;
            }
            await dialog.DismissAsync();
            dismissed.TrySetResult();
        };
        await row.Locator("button.delete").ClickAsync();
        await dismissed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await row.WaitForAsync();
        Assert.True(server.StoredFileExists("doomed.bin"), "dismissing the confirmation keeps the file");

        accept = true;
        await row.Locator("button.delete").ClickAsync();
        await row.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.False(server.StoredFileExists("doomed.bin"));
        Assert.True(server.StoredFileExists("kept.bin"));
        session.AssertNoErrors();
    }

    [Fact]
    [Trait(TestStorage.Trait, TestStorage.DiskOnly)] // the file is replaced in place on disk behind the server's back
    public async Task Delete_of_a_file_changed_since_it_was_listed_is_refused_and_says_so()
    {
        await using var server = await BatonTestServer.StartAsync();
        var file = server.WriteRandomFile("moving.bin", 1000, seed: 1);
        // An old modification time gives a strong ETag, which the page sends as If-Match (RFC 9110 §13.1.1).
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-2));
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();
        await page.Locator("#tab-files").ClickAsync();
        var row = page.Locator("#files tr[data-path='moving.bin']");
        await row.WaitForAsync();

        // Replaced atomically (as editors and rsync do): the server may still be hashing the listed version.
        var replacement = server.WriteRandomFile(".moving.tmp", 2000, seed: 2);
        File.SetLastWriteTimeUtc(replacement, DateTime.UtcNow.AddHours(-1));
        File.Move(replacement, file, overwrite: true);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await row.Locator("button.delete").ClickAsync();

        await page.Locator("#files-status", new() { HasText = "changed since it was listed" }).WaitForAsync();
        Assert.True(File.Exists(file));
        Assert.Equal("2 KiB", await row.Locator("td.num").TextContentAsync());
        Assert.All(session.Errors, e => Assert.Contains("status of 412", e));
    }

    [Fact]
    public async Task The_files_view_shows_an_upload_when_it_completes_without_a_manual_refresh()
    {
        using var originals = new TempDirectory();
        var file = originals.WriteRandomFile("arriving.bin", 3L * 1024 * 1024);
        var held = new HeldUploads();
        await using var server = await BatonTestServer.StartAsync(services: held.Install);
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();

        await page.AddFilesAsync(file);
        await page.WaitForStatusAsync("arriving.bin", "uploading");
        await page.Locator("#tab-files").ClickAsync();
        await page.Locator("#files[data-loaded='true']").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal(0, await page.Locator("#files tr[data-path='arriving.bin']").CountAsync());

        held.Release();
        await page.Locator("#files tr[data-path='arriving.bin']").WaitForAsync(new() { Timeout = 60_000 });
        session.AssertNoErrors();
    }
}
