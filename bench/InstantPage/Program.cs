using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;

// One round of the page benchmark against a running `baton serve` (bench/instant-page.sh starts it on a fresh root):
//   1. the file added to the page the way a user does (the Dashboard's native picker): a first upload, hashed while it uploads;
//      timed until the row says done, and until the hash is known (data-hash='done');
//   2. the row cleared, the same file added again: timed until the row says "Already on the server" (data-status='instant').
//      This browser finished the file before, so the page hashes it before uploading (docs/page.md): the instant path.
//   3. the same file added in another browser context (its own storage: a browser that never uploaded it): it uploads while
//      it hashes, and whichever ends first decides the row — "instant" or, when the upload wins, "complete".
//   0. before all, the page's hash worker alone (no upload running): the in-page SHA-256 rate without contention.
// Prints one line: "worker=S hash=S first=S instant=S other=S other_status=instant|complete" (seconds from handing the file to
// the picker).
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: InstantPage BASE_URL FILE");
    return 2;
}
var baseUrl = args[0];
var file = Path.GetFullPath(args[1]);
var name = Path.GetFileName(file);
const float Timeout = 600_000;

using var playwright = await Playwright.CreateAsync();
// The flags of tests/Baton.Browser.Tests/ChromiumFixture.cs: quiet and offline, no GPU, no QUIC.
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ],
});
await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
context.SetDefaultTimeout(Timeout);
var page = await context.NewPageAsync();
var errors = new List<string>();
page.PageError += (_, error) => errors.Add(error);
await page.GotoAsync("/");
await page.Locator("body[data-ready='true']").WaitForAsync();

var worker = await WorkerAloneAsync();
var row = $"li.transfer[data-name='{name}']";
var ended = $"{row}[data-status='instant'], {row}[data-status='complete'], {row}[data-status='error']";
var (first, hash) = await TimeAsync(page, $"{row}[data-status='complete']", $"{row}[data-hash='done']");
await page.Locator($"{row} .transfer-remove").ClickAsync();
await page.Locator(row).WaitForAsync(new() { State = WaitForSelectorState.Detached });
// Any end of the row, so a second upload that is not instant fails the round at once instead of after the timeout.
var (instant, instantHash) = await TimeAsync(page, ended, $"{row}[data-hash='done']");
var label = await page.Locator($"{row} .transfer-status").TextContentAsync();
if (label != "Already on the server" || errors.Count > 0)
{
    Console.Error.WriteLine($"the second upload was not instant after {instant:0.00} s (row: {label}); page errors: {string.Join("; ", errors)}");
    return 1;
}
await using var otherContext = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
otherContext.SetDefaultTimeout(Timeout);
var other = await otherContext.NewPageAsync();
other.PageError += (_, error) => errors.Add(error);
await other.GotoAsync("/");
await other.Locator("body[data-ready='true']").WaitForAsync();
var (otherSeconds, _) = await TimeAsync(other, ended, null);
var otherStatus = await other.Locator(row).GetAttributeAsync("data-status");
if (otherStatus is not ("instant" or "complete") || errors.Count > 0)
{
    Console.Error.WriteLine($"the upload from another browser ended as {otherStatus}; page errors: {string.Join("; ", errors)}");
    return 1;
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"worker={worker:0.000} hash={hash:0.000} first={first:0.000} instant={instant:0.000} instant_hash={instantHash:0.000} other={otherSeconds:0.000} other_status={otherStatus}"));
return 0;

// Seconds the page's own hash worker (/assets/hash-worker.js, web/sha256's WebAssembly) takes over the whole file with nothing else running:
// a file input of its own, outside the Dashboard, so no upload starts.
async Task<double> WorkerAloneAsync()
{
    var input = (await page.EvaluateHandleAsync("""
        () => { const input = document.createElement('input'); input.type = 'file'; document.body.append(input); return input; }
        """)).AsElement()!;
    await input.SetInputFilesAsync(file);
    var seconds = await input.EvaluateAsync<double>("""
        (input) => new Promise((resolve, reject) => {
          const worker = new Worker('/assets/hash-worker.js', { type: 'module' });
          const start = performance.now();
          worker.onmessage = ({ data }) => {
            if (data.digest) { worker.terminate(); resolve((performance.now() - start) / 1000); }
            if (data.error) { worker.terminate(); reject(new Error(data.error)); }
          };
          worker.postMessage({ job: 1, file: input.files[0] });
        })
        """);
    await input.EvaluateAsync("(input) => input.remove()");
    return seconds;
}

// Seconds from handing the file to the picker until each selector matches (both awaited at once; null: not waited for).
async Task<(double Done, double Also)> TimeAsync(IPage on, string done, string? also)
{
    var chooser = await on.RunAndWaitForFileChooserAsync(() => on.Locator(".uppy-Dashboard-browse").First.ClickAsync());
    var clock = Stopwatch.StartNew();
    await chooser.SetFilesAsync(file);
    var doneAt = WhenAsync(done);
    var alsoAt = also is null ? Task.FromResult(0.0) : WhenAsync(also);
    return (await doneAt, await alsoAt);

    async Task<double> WhenAsync(string selector)
    {
        await on.Locator(selector).WaitForAsync(new() { Timeout = Timeout });
        return clock.Elapsed.TotalSeconds;
    }
}
