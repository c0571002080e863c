using Baton.Server.Auth;
using Baton.Testing;

namespace Baton.Browser.Tests.Page;

/// <summary>With tokens configured (docs/security.md) the page asks for one, sends it on every request, and downloads through signed links.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class TokenModeTests(ChromiumFixture chromium)
{
    private const string Secret = "browser-test-secret";

    private static void WithToken(Baton.Server.BatonOptions o) => o.Auth.Tokens =
    [
        new TokenEntry
        {
            Name = "alice",
            Sha256 = TokenStore.Hash(Secret),
            Permissions = [BatonPermissions.Upload, BatonPermissions.Download, BatonPermissions.List, BatonPermissions.Delete],
        },
    ];

    [Fact]
    public async Task The_page_asks_for_a_token_then_uploads_lists_and_downloads_through_a_signed_link()
    {
        using var originals = new TempDirectory();
        var file = originals.WriteRandomFile("secret.bin", 3L * 1024 * 1024 + 5, seed: 21);
        await using var server = await BatonTestServer.StartAsync(WithToken);
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        var page = session.Page;
        await session.GotoAsync();

        var banner = page.Locator("#auth");
        await banner.WaitForAsync();
        Assert.Contains("uses access tokens", await banner.TextContentAsync());
        await page.Locator("#auth-token").FillAsync(Secret);
        await page.Locator("#auth-form button[type='submit']").ClickAsync();
        Assert.True(await banner.IsHiddenAsync());

        await page.AddFilesAsync(file);
        await page.WaitForStatusAsync("secret.bin", "complete");
        Assert.Equal(FileHashes.Sha256Of(file), FileHashes.StoredSha256(server, "secret.bin"));

        await page.Locator("#tab-files").ClickAsync();
        var link = page.Locator("#files a.download", new() { HasText = "secret.bin" });
        await link.WaitForAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        Assert.Contains("sig=", download.Url);
        var saved = originals.Combine("downloaded.bin");
        await download.SaveAsAsync(saved);
        Assert.Equal(FileHashes.Sha256Of(file), FileHashes.Sha256Of(saved));
        session.AssertNoErrors();
    }
}
