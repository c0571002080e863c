using Baton.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Server.Uploads.Completion;

/// <summary>
/// At start, before the server takes requests, finishes every completion a crash or a vanished request interrupted: complete
/// uploads are placed (their declared digest verified first) and placed ones get their owner, digest record and event
/// (issue 11 item 11). Hosted services start before Kestrel listens, so no request sees the unfinished state twice.
/// </summary>
public sealed partial class UploadRecoveryService(StoreCapabilities store, UploadCompletion completion, ILogger<UploadRecoveryService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (store.Recovery is null)
        {
            return;
        }
        await foreach (var upload in store.Recovery.UnfinishedAsync(cancellationToken).ConfigureAwait(false))
        {
            var (finished, error) = await completion.CompleteVerifiedAsync(upload, null, null).ConfigureAwait(false);
            LogRecovered(logger, upload.Id, finished.PlacedPath ?? "(not placed)", error?.Title ?? "finished");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "Upload {UploadId}: an interrupted completion was finished at start as {Path} ({Outcome})")]
    private static partial void LogRecovered(ILogger logger, string uploadId, string path, string outcome);
}
