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
            try
            {
                var (finished, error) = await completion.CompleteVerifiedAsync(upload, null, null).ConfigureAwait(false);
                LogRecovered(logger, upload.Id, finished.PlacedPath ?? "(not placed)", error?.Title ?? "finished");
            }
            catch (StorageUnavailableException e)
            {
                // Another instance is placing it right now (cluster mode), or the storage is down: whoever holds the upload, or
                // the next request for it, finishes the placement. One upload never keeps an instance from starting.
                LogRecoveryDeferred(logger, upload.Id, e.Message);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "Upload {UploadId}: an interrupted completion was finished at start as {Path} ({Outcome})")]
    private static partial void LogRecovered(ILogger logger, string uploadId, string path, string outcome);

    [LoggerMessage(EventId = 322, Level = LogLevel.Information, Message = "Upload {UploadId}: its interrupted completion is left to whoever holds it ({Reason})")]
    private static partial void LogRecoveryDeferred(ILogger logger, string uploadId, string reason);
}
