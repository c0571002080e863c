using Baton.Protocol.Tus;
using Baton.Storage;
using Baton.Storage.Telemetry;
using Microsoft.Extensions.Logging;

namespace Baton.Server.Uploads.Events;

/// <summary>Calls every registered <see cref="IUploadEvents"/>; a failing handler is logged, never fatal to the upload.</summary>
public sealed partial class UploadEventDispatcher(
    IEnumerable<IUploadEvents> handlers, BatonMetrics metrics, ILogger<UploadEventDispatcher> logger)
{
    private readonly IUploadEvents[] _handlers = [.. handlers];

    public Task CreatedAsync(UploadInfo info, CancellationToken cancellation)
    {
        metrics.UploadCreated();
        return RaiseAsync("created", Describe(info), (h, e) => h.OnCreatedAsync(e, cancellation));
    }

    public Task CompletedAsync(UploadInfo info, string fileUrl, CancellationToken cancellation)
    {
        metrics.UploadCompleted();
        return RaiseAsync("completed", Describe(info) with { FilePath = info.PlacedPath, FileUrl = fileUrl }, (h, e) => h.OnCompletedAsync(e, cancellation));
    }

    public Task TerminatedAsync(string id, UploadInfo? info, CancellationToken cancellation) =>
        RaiseAsync("terminated", info is null ? new UploadEvent(id, null, UploadMetadata.Empty) : Describe(info), (h, e) => h.OnTerminatedAsync(e, cancellation));

    private static UploadEvent Describe(UploadInfo info) =>
        new(info.Id, info, UploadMetadata.TryParse(info.Metadata, out var metadata, out _) ? metadata : UploadMetadata.Empty);

    private async Task RaiseAsync(string name, UploadEvent upload, Func<IUploadEvents, UploadEvent, Task> call)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                await call(handler, upload).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogHandlerFailed(logger, e, name, upload.Id);
            }
        }
    }

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Upload {Event} handler failed for {UploadId}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string @event, string uploadId);
}
