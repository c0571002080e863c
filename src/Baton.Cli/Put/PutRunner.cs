using System.Text.Json.Nodes;
using Baton.Cli.Output;
using Baton.Cli.Transport;
using Baton.Client.Uploads;

namespace Baton.Cli.Put;

/// <summary>Runs <c>baton put</c> through <see cref="TusUploader"/>; prints the resulting URL.</summary>
public static class PutRunner
{
    public static async Task<int> RunAsync(PutArguments arguments, TransferConsole console, CancellationToken cancellationToken)
    {
        using var http = BatonHttpClient.Create(arguments.Token, [arguments.Endpoint]);
        var uploader = new TusUploader(http);
        var options = new UploadOptions
        {
            ChunkSize = arguments.ChunkSize,
            Parallel = arguments.Parallel,
            Metadata = arguments.Metadata,
            Retries = arguments.Retries,
            LimitBytesPerSecond = arguments.LimitRate,
            ChunkChecksums = arguments.ChunkChecksums,
            Protocol = arguments.Protocol,
            AsCopy = arguments.AsCopy,
            Notice = console.Notice,
        };
        if (Directory.Exists(arguments.File.FullName))
        {
            return await PutTreeRunner.RunAsync(arguments, http, options, console, cancellationToken);
        }
        try
        {
            var result = await console.RunAsync(progress => uploader.UploadAsync(arguments.File.FullName, arguments.Endpoint, options, progress, cancellationToken));
            var how = result.Resumed ? ", resumed" : "";
            var parts = result.Parts > 1 ? $", {result.Parts} parallel parts" : "";
            var verified = result.Verified ? ", sha-256 verified" : "";
            console.Result(result.FileUrl.AbsoluteUri, new JsonObject
            {
                ["file"] = arguments.File.FullName,
                ["bytes"] = result.Length,
                ["uploadUrl"] = result.UploadUrl.AbsoluteUri,
                ["url"] = result.FileUrl.AbsoluteUri,
                ["resumed"] = result.Resumed,
                ["parts"] = result.Parts,
                ["verified"] = result.Verified,
                ["alreadyStored"] = result.AlreadyStored,
            });
            if (console.Mode is OutputMode.Rich or OutputMode.Plain)
            {
                Console.Error.WriteLine(result.AlreadyStored
                    ? $"baton: already stored {arguments.File.Name} ({result.Length} bytes, nothing sent{verified})"
                    : $"baton: uploaded {arguments.File.Name} ({result.Length} bytes{how}{parts}{verified})");
            }
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return console.Error(e);
        }
    }
}
