using Microsoft.Playwright;

namespace Baton.Browser.Tests;

/// <summary>
/// A fresh browser context (its own storage, so Golden Retriever state never leaks between tests) with one page, which
/// records every console error and uncaught exception: the page must produce none.
/// </summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    private PageSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Location} {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"uncaught: {error}");
            }
        };
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Fails with every recorded error spelled out.</summary>
    public void AssertNoErrors()
    {
        var errors = Errors;
        Assert.True(errors.Count == 0, "the page logged errors:\n" + string.Join("\n", errors));
    }

    public static async Task<PageSession> OpenAsync(IBrowser browser, Uri baseAddress, ViewportSize? viewport = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            AcceptDownloads = true,
            ViewportSize = viewport ?? new ViewportSize { Width = 1100, Height = 680 },
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new PageSession(context, page);
    }

    /// <summary>Loads the page and waits until it has read /api/config and mounted Uppy.</summary>
    public async Task GotoAsync(string path = "/")
    {
        await Page.GotoAsync(path);
        await WaitReadyAsync();
    }

    public Task WaitReadyAsync() => Page.Locator("body[data-ready='true']").WaitForAsync();

    public ValueTask DisposeAsync() => Context.DisposeAsync();
}
