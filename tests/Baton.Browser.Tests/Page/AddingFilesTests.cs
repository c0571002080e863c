using Baton.Testing;

namespace Baton.Browser.Tests.Page;

/// <summary>Both ways in: many files from the picker at once, and a drop on the dashboard.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class AddingFilesTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Many_files_picked_at_once_all_arrive_intact()
    {
        using var originals = new TempDirectory();
        var files = Enumerable.Range(1, 30)
            .Select(i => originals.WriteRandomFile($"part-{i:00}.bin", 20_000 + (i * 7919), seed: i))
            .ToArray();
        await using var server = await BatonTestServer.StartAsync();
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();

        await page.AddFilesAsync(files);

        await page.Locator("li.transfer[data-status='complete']").Nth(files.Length - 1).WaitForAsync(new() { Timeout = 60_000 });
        Assert.Equal(files.Length, await page.Locator("li.transfer").CountAsync());
        foreach (var file in files)
        {
            Assert.Equal(FileHashes.Sha256Of(file), FileHashes.StoredSha256(server, Path.GetFileName(file)));
        }
        session.AssertNoErrors();
    }

    [Fact]
    public async Task A_file_dropped_on_the_dashboard_uploads()
    {
        const int size = 300_000;
        var expected = new byte[size];
        for (var i = 0; i < size; i++)
        {
            expected[i] = (byte)((i * 31) + 7);
        }
        await using var server = await BatonTestServer.StartAsync();
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();

        // A drag from the desktop, as the page sees it: dragover then drop carrying a DataTransfer with one file.
        var dataTransfer = await page.EvaluateHandleAsync("""
            ([name, size]) => {
              const bytes = new Uint8Array(size);
              for (let i = 0; i < size; i++) bytes[i] = (i * 31 + 7) & 255;
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], name, { type: 'application/octet-stream' }));
              return transfer;
            }
            """, new object[] { "dropped.bin", size });
        var target = page.Locator(".uppy-Dashboard");
        await target.DispatchEventAsync("dragover", new Dictionary<string, object> { ["dataTransfer"] = dataTransfer });
        await target.DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = dataTransfer });

        await page.WaitForStatusAsync("dropped.bin", "complete");
        Assert.Equal(expected, server.ReadStoredFile("dropped.bin"));
        session.AssertNoErrors();
    }
}
