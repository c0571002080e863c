using Baton.Server.Files;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Server.Digests;

/// <summary>Hashes queued files one at a time, off the request path, and records the digest if the file did not change meanwhile.</summary>
public sealed partial class DigestWorker(DigestQueue queue, FileDigestCache cache, ILogger<DigestWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var path in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await HashOneAsync(path, stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogHashFailed(logger, path, e.Message);
            }
            finally
            {
                queue.Done(path);
            }
        }
    }

    private async Task HashOneAsync(string path, CancellationToken cancellation)
    {
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var before = cache.VersionOf(handle, path);
        if (cache.TryGet(path, before, out _))
        {
            return;
        }
        var sha = await Sha256File.HashAsync(handle, before.Length, cancellation);
        var after = cache.VersionOf(handle, path);
        if (after == before && after.IsStrong)
        {
            cache.Store(path, before, sha);
            LogHashed(logger, path, before.Length);
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Computed SHA-256 of {Path} ({Length} bytes)")]
    private static partial void LogHashed(ILogger logger, string path, long length);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Could not hash {Path}: {Reason}")]
    private static partial void LogHashFailed(ILogger logger, string path, string reason);
}
