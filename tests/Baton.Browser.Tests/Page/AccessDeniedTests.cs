using Baton.Testing;
using Microsoft.Playwright;

namespace Baton.Browser.Tests.Page;

/// <summary>When the server refuses (401/403), the page says so plainly and offers to take a token, for fetch and for tus alike.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class AccessDeniedTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task A_401_from_the_files_api_asks_for_a_token_and_the_token_is_then_sent()
    {
        await using var server = await BatonTestServer.StartAsync(services: s => RefusedAccess.Install(s, "/api/files", 401));
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();

        await page.Locator("#tab-files").ClickAsync();

        var banner = page.Locator("#auth");
        await banner.WaitForAsync();
        Assert.Contains("needs a valid access token", await banner.TextContentAsync());
        Assert.Contains(RefusedAccess.Detail, await banner.TextContentAsync());
        Assert.Contains("401", await banner.TextContentAsync());

        var retried = page.WaitForRequestAsync(r => r.Url.Contains("/api/files", StringComparison.Ordinal));
        await page.Locator("#auth-token").FillAsync("secret-token");
        await page.Locator("#auth-token").PressAsync("Enter");
        var request = await retried;
        Assert.Equal("Bearer secret-token", await request.HeaderValueAsync("authorization"));
        Assert.All(session.Errors, e => Assert.Contains("status of 401", e));
    }

    [Fact]
    public async Task A_403_on_upload_creation_says_the_token_does_not_allow_it()
    {
        using var originals = new TempDirectory();
        var file = originals.WriteRandomFile("a.bin", 2048);
        await using var server = await BatonTestServer.StartAsync(services: s => RefusedAccess.Install(s, "/uploads", 403));
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();

        await page.AddFilesAsync(file);

        var banner = page.Locator("#auth");
        await banner.WaitForAsync();
        Assert.Contains("does not allow", await banner.TextContentAsync());
        Assert.Contains(RefusedAccess.Detail, await banner.TextContentAsync());
        await page.WaitForStatusAsync("a.bin", "error");
        Assert.False(server.StoredFileExists("a.bin"));
    }
}
