using System.Text.Json.Nodes;
using Baton.Cli.Output;
using Baton.Cli.Transport;
using Baton.Client.Downloads;
using Baton.Client.Files;

namespace Baton.Cli.Get;

/// <summary>
/// <c>baton get -r URL/DIR/ [-o FOLDER]</c>: mirrors a Baton folder through <see cref="TreeMirror"/>, file by file, each resumable and
/// verified (the listing's SHA-256 and Repr-Digest); stops at the first failure — the same command continues from there.
/// </summary>
public static class GetTreeRunner
{
    public static async Task<int> RunAsync(GetArguments arguments, TransferConsole console, CancellationToken cancellationToken)
    {
        var url = arguments.Urls[0];
        using var http = BatonHttpClient.Create(arguments.Token, arguments.Urls);
        var downloader = new FileDownloader(http);
        var mirror = new TreeMirror(http, downloader);
        var name = Uri.UnescapeDataString(url.AbsolutePath.TrimEnd('/').Split('/')[^1]);
        var output = Path.GetFullPath(arguments.Output ?? (LocalName.IsSafe(name) && name != "files" ? name : "baton-folder"));
        var template = new DownloadOptions
        {
            Connections = arguments.Connections,
            LimitBytesPerSecond = arguments.LimitRate,
            Retries = arguments.Retries,
            AllowRestart = !arguments.NoRestart,
            Notice = console.Notice,
        };
        int fetched = 0, complete = 0;
        long bytes = 0;
        try
        {
            Directory.CreateDirectory(output);
            var items = await mirror.PlanAsync(url, output, cancellationToken);
            foreach (var item in items)
            {
                var result = await console.RunAsync(progress => mirror.FetchAsync(item, template, progress, cancellationToken));
                if (result.AlreadyComplete)
                {
                    complete++;
                }
                else
                {
                    fetched++;
                }
                bytes += result.Length;
                console.Result(result.Path, new JsonObject
                {
                    ["url"] = item.Url.AbsoluteUri,
                    ["path"] = result.Path,
                    ["relativePath"] = item.RelativePath,
                    ["bytes"] = result.Length,
                    ["resumed"] = result.Resumed,
                    ["alreadyComplete"] = result.AlreadyComplete,
                    ["verified"] = result.Verified,
                });
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return console.Error(e);
        }
        if (console.Mode is OutputMode.Rich or OutputMode.Plain)
        {
            Console.Error.WriteLine($"baton: {output}: {fetched} file(s) downloaded, {complete} already complete ({bytes} bytes)");
        }
        return ExitCodes.Success;
    }
}
