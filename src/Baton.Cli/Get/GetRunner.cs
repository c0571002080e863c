using System.Text.Json.Nodes;
using Baton.Cli.Output;
using Baton.Cli.Transport;
using Baton.Client.Downloads;

namespace Baton.Cli.Get;

/// <summary>Runs <c>baton get</c>: each URL in turn through <see cref="FileDownloader"/>, reporting through the console.</summary>
public static class GetRunner
{
    public static async Task<int> RunAsync(GetArguments arguments, TransferConsole console, CancellationToken cancellationToken)
    {
        using var http = BatonHttpClient.Create(arguments.Token, arguments.Urls);
        var downloader = new FileDownloader(http);
        var output = arguments.Output;
        if (arguments.Urls.Count > 1 && output is not null && output != OutputTarget.StandardOutput && !Directory.Exists(output))
        {
            // With several URLs -o names a folder.
            Directory.CreateDirectory(output);
        }
        var exitCode = ExitCodes.Success;
        foreach (var url in arguments.Urls)
        {
            var options = new DownloadOptions
            {
                OutputPath = output,
                Connections = arguments.Connections,
                Checksum = arguments.Checksum,
                LimitBytesPerSecond = arguments.LimitRate,
                Retries = arguments.Retries,
                AllowRestart = !arguments.NoRestart,
                Notice = console.Notice,
            };
            try
            {
                DownloadResult result;
                if (output == OutputTarget.StandardOutput)
                {
                    console.Notice("writing to standard output: streamed through, not resumable");
                    await using var stdout = Console.OpenStandardOutput();
                    result = await console.RunAsync(progress => downloader.DownloadToStreamAsync(url, stdout, "standard output", options, progress, cancellationToken));
                }
                else
                {
                    result = await console.RunAsync(progress => downloader.DownloadAsync(url, options, progress, cancellationToken));
                }
                console.Result(Describe(result), new JsonObject
                {
                    ["url"] = url.AbsoluteUri,
                    ["path"] = result.Path,
                    ["bytes"] = result.Length,
                    ["finalUrl"] = result.FinalUrl.AbsoluteUri,
                    ["resumed"] = result.Resumed,
                    ["restarted"] = result.Restarted,
                    ["alreadyComplete"] = result.AlreadyComplete,
                    ["connections"] = result.Connections,
                    ["verified"] = result.Verified,
                });
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                exitCode = console.Error(e);
                if (exitCode == ExitCodes.Cancelled)
                {
                    return exitCode;
                }
            }
        }
        return exitCode;
    }

    private static string Describe(DownloadResult r)
    {
        if (r.AlreadyComplete)
        {
            return $"{r.Path} is already complete ({ByteSize.Format(r.Length)}, checked by {r.Verified})";
        }
        var how = r.Restarted ? ", restarted because the remote file changed" : r.Resumed ? ", resumed" : "";
        var verified = r.Verified is null ? "" : $", verified by {r.Verified}";
        return $"saved {r.Path} ({r.Length} bytes, {r.Connections} connection{(r.Connections == 1 ? "" : "s")}{how}{verified})";
    }
}
