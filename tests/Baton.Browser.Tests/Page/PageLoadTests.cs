using Baton.Testing;
using Microsoft.Playwright;

namespace Baton.Browser.Tests.Page;

/// <summary>The page in Chromium before any transfer: it loads clean, shows the server's restrictions, works by keyboard and on a phone.</summary>
[Collection(ChromiumCollection.Name)]
public sealed class PageLoadTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task Page_loads_without_console_errors_and_shows_the_servers_restrictions()
    {
        await using var server = await BatonTestServer.StartAsync(o =>
        {
            o.Uploads.MaxSize = 10L * 1024 * 1024 * 1024;
            o.Uploads.AllowedExtensions = [".bin", ".txt"];
        });
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);

        await session.GotoAsync();

        var restrictions = await session.Page.Locator("#restrictions").TextContentAsync();
        Assert.Contains("10 GiB", restrictions);
        Assert.Contains(".bin, .txt", restrictions);
        session.AssertNoErrors();
    }

    [Fact]
    public async Task Views_switch_by_keyboard()
    {
        await using var server = await BatonTestServer.StartAsync();
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress);
        await session.GotoAsync();
        var page = session.Page;

        await page.Locator("#tab-upload").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");

        await page.Locator("#view-files").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        Assert.Equal("tab-files", await page.EvaluateAsync<string>("document.activeElement.id"));
        Assert.Equal("true", await page.Locator("#tab-files").GetAttributeAsync("aria-selected"));
        Assert.True(await page.Locator("#view-upload").IsHiddenAsync());

        await page.Keyboard.PressAsync("ArrowLeft");
        await page.Locator("#view-upload").WaitForAsync(new() { State = WaitForSelectorState.Visible });
        session.AssertNoErrors();
    }

    [Fact]
    public async Task On_a_phone_sized_screen_nothing_overflows_sideways()
    {
        await using var server = await BatonTestServer.StartAsync();
        await using var session = await PageSession.OpenAsync(chromium.Browser, server.BaseAddress, new ViewportSize { Width = 375, Height = 740 });

        server.WriteRandomFile("a rather long file name that has to wrap on a phone screen.bin", 123_456);
        await session.GotoAsync();

        await AssertFitsAsync(session.Page, "upload view");
        await session.Page.Locator("#tab-files").ClickAsync();
        await session.Page.Locator("#files tr[data-type='file']").WaitForAsync();
        await AssertFitsAsync(session.Page, "files view");
        session.AssertNoErrors();
    }

    private static async Task AssertFitsAsync(IPage page, string view)
    {
        var overflow = await page.EvaluateAsync<int>("document.scrollingElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"the {view} is {overflow}px wider than a 375px screen");
    }
}
