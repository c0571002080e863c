using Microsoft.Playwright;

namespace Baton.Browser.Tests;

/// <summary>Waits on the page's own state (the transfer rows' data attributes, Golden Retriever's IndexedDB records).</summary>
public static class PageState
{
    /// <summary>Adds files the way a user does: "browse files" opens the native picker, which gets the files.</summary>
    public static async Task AddFilesAsync(this IPage page, params string[] paths)
    {
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Locator(".uppy-Dashboard-browse").First.ClickAsync());
        Assert.True(chooser.IsMultiple);
        await chooser.SetFilesAsync(paths);
    }

    public static ILocator Transfer(this IPage page, string name) => page.Locator($"li.transfer[data-name='{name}']");

    /// <summary>Clears the row of <paramref name="name"/> with its Remove button and waits until it is gone.</summary>
    public static async Task RemoveTransferAsync(this IPage page, string name)
    {
        await page.Transfer(name).Locator(".transfer-remove").ClickAsync();
        await page.Transfer(name).WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    public static Task WaitForStatusAsync(this IPage page, string name, string status, float timeoutMs = 30_000) =>
        page.Locator($"li.transfer[data-name='{name}'][data-status='{status}']").WaitForAsync(new() { Timeout = timeoutMs });

    public static Task WaitForProgressAsync(this IPage page, string name, int atLeastPercent) =>
        page.WaitForFunctionAsync(
            "([name, min]) => { const row = document.querySelector(`li.transfer[data-name=\"${name}\"]`); return row !== null && Number(row.dataset.progress) >= min; }",
            new object[] { name, atLeastPercent });

    public static async Task<int> ProgressOfAsync(this IPage page, string name) =>
        int.Parse(await page.Transfer(name).GetAttributeAsync("data-progress") ?? "-1", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Golden Retriever has saved what a reload needs for <paramref name="name"/>: its blob (IndexedDB store "files") and
    /// its recovery record (store "metadata", written throttled) showing it paused with a tus upload URL.
    /// </summary>
    public static async Task WaitForRecoveryRecordAsync(this IPage page, string name)
    {
        // Polled from here: WaitForFunctionAsync would take the async predicate's promise itself as "truthy".
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!await page.EvaluateAsync<bool>(RecoveryRecordSaved, name))
        {
            try
            {
                await ticks.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Golden Retriever did not save a paused recovery record with the blob of {name} within 30 s.");
            }
        }
    }

    /// <summary>Golden Retriever has saved, with its blob, every one of the <paramref name="count"/> transfers that is not complete
    /// yet: a reload now can bring back all that is unfinished.</summary>
    public static async Task WaitForSavedQueueAsync(this IPage page, int count)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!await page.EvaluateAsync<bool>(QueueSaved, count))
        {
            try
            {
                await ticks.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Golden Retriever did not save the unfinished transfers of {count} with their blobs within 60 s.");
            }
        }
    }

    private const string QueueSaved = """
        async (count) => {
          const rows = [...document.querySelectorAll('li.transfer')];
          if (rows.length < count) return false;
          const unfinished = rows.filter((r) => r.dataset.status !== 'complete').map((r) => r.dataset.name);
""" + OpenBlobStore + """
            const record = await read('metadata', 'baton');
            if (!record) return false;
            const files = Object.values(JSON.parse(record.metadata).files || {});
            const withBlob = new Set(((await read('files')) || []).map((b) => b.fileID));
            return unfinished.every((name) => files.some((f) => f.name === name && withBlob.has(f.id)));
""" + CloseBlobStore;

    private const string RecoveryRecordSaved = """
        async (name) => {
""" + OpenBlobStore + """
            const record = await read('metadata', 'baton');
            if (!record) return false;
            const file = Object.values(JSON.parse(record.metadata).files || {}).find((f) => f.name === name);
            if (!file || !file.isPaused || !(file.tus && file.tus.uploadUrl)) return false;
            const blobs = await read('files');
            return (blobs || []).some((b) => b.fileID === file.id);
""" + CloseBlobStore;

    /// <summary>Opens Golden Retriever's IndexedDB database and defines <c>read(store, key?)</c>; a script continues inside a
    /// <c>try</c> that <see cref="CloseBlobStore"/> ends (false on any error, the database closed).</summary>
    private const string OpenBlobStore = """
          const db = await new Promise((resolve) => {
            const open = indexedDB.open('uppy-blobs');
            open.onsuccess = () => resolve(open.result);
            open.onerror = () => resolve(null);
          });
          if (db === null) return false;
          try {
            const read = (store, key) => new Promise((resolve) => {
              const request = key === undefined
                ? db.transaction(store, 'readonly').objectStore(store).getAll()
                : db.transaction(store, 'readonly').objectStore(store).get(key);
              request.onsuccess = () => resolve(request.result);
              request.onerror = () => resolve(undefined);
            });
        """;

    private const string CloseBlobStore = """
          } catch {
            return false;
          } finally {
            db.close();
          }
        }
        """;
}
