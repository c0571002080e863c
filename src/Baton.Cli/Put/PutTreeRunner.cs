using System.Text.Json.Nodes;
using Baton.Cli.Output;
using Baton.Client.Uploads;

namespace Baton.Cli.Put;

/// <summary>
/// <c>baton put DIR URL</c>: every file of the folder through <see cref="TreeUploader"/>, in order, each one a resumable upload into
/// its folder on the server; files a previous run stored, and files whose content the server already holds (digest-first
/// creation), are skipped ("already stored"). Stops at the first failure — the same
/// command continues from there. Prints each stored file's URL.
/// </summary>
public static class PutTreeRunner
{
    public static async Task<int> RunAsync(PutArguments arguments, HttpClient http, UploadOptions options, TransferConsole console,
        CancellationToken cancellationToken)
    {
        var folder = arguments.File.FullName;
        var (files, links, special, empty) = TreeUploader.Plan(folder);
        foreach (var name in special)
        {
            console.Notice($"{name}: not a regular file (a FIFO, socket or device), left out");
        }
        foreach (var folderName in empty)
        {
            console.Notice($"{folderName}/: an empty folder, left out (folders are created by the files put into them; baton mkdir makes one)");
        }
        foreach (var link in links)
        {
            console.Notice($"{link}: a symbolic link, not followed (left out)");
        }
        var tree = new TreeUploader(http, new TusUploader(http));
        var statePath = TreeState.PathFor(Path.GetDirectoryName(options.ResolveStateDirectory())!, folder, arguments.Endpoint);
        var state = TreeState.Load(statePath);
        int uploaded = 0, skipped = 0;
        long bytes = 0;
        try
        {
            foreach (var item in files)
            {
                if (await tree.AlreadyStoredAsync(item, state, cancellationToken) is { } stored)
                {
                    skipped++;
                    console.Notice($"{item.RelativePath}: already stored ({stored.FileUrl})");
                    continue;
                }
                var (result, entry) = await console.RunAsync(progress => tree.UploadAsync(item, arguments.Endpoint, options, progress, cancellationToken));
                state.Files[item.RelativePath] = entry;
                state.Save(statePath);
                if (result.AlreadyStored)
                {
                    // The server held the content already (digest-first creation): nothing was sent.
                    skipped++;
                    console.Notice($"{item.RelativePath}: already stored ({result.FileUrl})");
                }
                else
                {
                    uploaded++;
                    bytes += result.Length;
                }
                console.Result(result.FileUrl.AbsoluteUri, new JsonObject
                {
                    ["file"] = item.FullPath,
                    ["path"] = item.RelativePath,
                    ["bytes"] = result.Length,
                    ["url"] = result.FileUrl.AbsoluteUri,
                    ["resumed"] = result.Resumed,
                    ["verified"] = result.Verified,
                    ["alreadyStored"] = result.AlreadyStored,
                });
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return console.Error(e);
        }
        if (console.Mode is OutputMode.Rich or OutputMode.Plain)
        {
            Console.Error.WriteLine($"baton: {folder}: {uploaded} file(s) uploaded ({bytes} bytes), {skipped} already stored, {links.Count} link(s) left out");
        }
        return ExitCodes.Success;
    }
}
