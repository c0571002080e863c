using Baton.Storage;
using Baton.Storage.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Server.Uploads.Expiry;

/// <summary>
/// tus expiration: removes uploads whose <c>Upload-Expires</c> has passed (abandoned or finished long ago), every
/// <see cref="UploadOptions.ExpirySweepInterval"/> on the injected <see cref="TimeProvider"/>'s clock.
/// </summary>
public sealed partial class UploadExpiryService(
    StoreCapabilities store, IOptions<BatonOptions> options, TimeProvider time, BatonMetrics metrics, ILogger<UploadExpiryService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (store.Expiry is null || options.Value.Uploads.Expiration <= TimeSpan.Zero)
        {
            return;
        }
        // The first sweep scans the staging folder: off the host's start-up path.
        await Task.Yield();
        using var timer = new PeriodicTimer(options.Value.Uploads.ExpirySweepInterval, time);
        do
        {
            await SweepAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One sweep; failures are logged and retried on the next tick.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellation)
    {
        try
        {
            var removed = await store.Expiry!.RemoveExpiredAsync(time.GetUtcNow(), cancellation);
            if (removed > 0)
            {
                metrics.UploadsExpired(removed);
                LogRemoved(logger, removed);
            }
            return removed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            LogSweepFailed(logger, e);
            return 0;
        }
    }

    [LoggerMessage(EventId = 310, Level = LogLevel.Information, Message = "Removed {Count} expired uploads")]
    private static partial void LogRemoved(ILogger logger, int count);

    [LoggerMessage(EventId = 311, Level = LogLevel.Warning, Message = "Expired-upload sweep failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
