using Baton.Protocol.Paths;
using Baton.Storage.Files;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Baton.Server.Digests;

/// <summary>Hashes queued files one at a time, off the request path, and records the digest if the file did not change meanwhile.</summary>
public sealed partial class DigestWorker(DigestQueue queue, IFileSource source, IFileDigests digests, ILogger<DigestWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var name in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await HashOneAsync(name, stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogHashFailed(logger, name, e.Message);
            }
            finally
            {
                queue.Done(name);
            }
        }
    }

    private async Task HashOneAsync(string name, CancellationToken cancellation)
    {
        if (RelativePath.TryParse(name, allowHidden: true, out var path) != PathCheck.Valid
            || await source.OpenAsync(path, cancellation) is not { } reader)
        {
            return;
        }
        await using (reader)
        {
            var before = reader.Version;
            if (digests.TryGet(name, before, out _))
            {
                return;
            }
            var sha = await FileHashes.Sha256Async(reader, cancellation);
            var after = await reader.CurrentVersionAsync(cancellation);
            if (after == before && after.IsStrong)
            {
                digests.Store(name, before, sha);
                LogHashed(logger, name, before.Length);
            }
        }
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Debug, Message = "Computed SHA-256 of {Name} ({Length} bytes)")]
    private static partial void LogHashed(ILogger logger, string name, long length);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Could not hash {Name}: {Reason}")]
    private static partial void LogHashFailed(ILogger logger, string name, string reason);
}
