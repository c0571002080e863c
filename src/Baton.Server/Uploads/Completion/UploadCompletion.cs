using Baton.Protocol.Paths;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Server.Auth;
using Baton.Server.Files;
using Baton.Server.Hosting;
using Baton.Server.Uploads.Events;
using Baton.Server.Uploads.Http;
using Baton.Server.Uploads.Instant;
using Baton.Storage;
using Baton.Storage.Telemetry;
using Baton.Storage.Files;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Baton.Server.Uploads.Completion;

/// <summary>
/// Turns a complete upload into a file in ROOT: named from its sanitised <c>filename</c> metadata, moved atomically by the
/// store, its SHA-256 (computed while receiving) recorded in the digest cache, <see cref="IUploadEvents.OnCompletedAsync"/> raised.
/// Partial uploads are never placed (tus §Concatenation); the final uploads waiting for them are finished instead.
/// </summary>
public sealed partial class UploadCompletion(
    StoreCapabilities store, BatonRoot root, IOptions<BatonOptions> options, IServiceProvider services, UploadEventDispatcher events,
    UploadAccess access, ContentDedupe dedupe, ILogger<UploadCompletion> logger)
{
    /// <summary>
    /// Places <paramref name="info"/> if it is complete and not yet placed; returns its state afterwards. Once the last byte is
    /// durable the upload is acknowledged complete, so placement and what follows it do not take the request's cancellation: a
    /// client that leaves right after its last byte must still find a file (issue 11 item 11). <paramref name="request"/> is null
    /// when a start finishes an interrupted completion.
    /// </summary>
    public async Task<UploadInfo> CompleteAsync(UploadInfo info, HttpRequest? request)
    {
        if (!info.IsComplete || store.Placement is null)
        {
            return info;
        }
        // One completion per upload at a time in this process: a HEAD that finds the upload complete and the request that
        // delivered its last byte share one placement and one settle (one completed event), whoever comes first. Across
        // instances (cluster mode) the store's PlaceAsync serialises on the upload's distributed lock and re-reads the record
        // under it, so the second instance finds the placement made and reports it (docs/cluster.md).
        var running = new Lazy<Task<UploadInfo>>(() => RunCompleteAsync(info, request));
        var shared = _running.GetOrAdd(info.Id, running);
        try
        {
            return await shared.Value.ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(KeyValuePair.Create(info.Id, shared));
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<UploadInfo>>> _running = new(StringComparer.Ordinal);

    private readonly BatonMetrics _metrics = services.GetRequiredService<BatonMetrics>();

    private async Task<UploadInfo> RunCompleteAsync(UploadInfo info, HttpRequest? request)
    {
        await Task.Yield(); // run outside GetOrAdd's caller frame
        if (info.PlacedPath is not null)
        {
            return info.Unsettled ? await SettleAsync(info, request).ConfigureAwait(false) : info;
        }
        if (info.Kind == UploadKind.Partial)
        {
            await FinishFinalsAsync(info, request).ConfigureAwait(false);
            return info;
        }
        var metadata = UploadMetadata.TryParse(info.Metadata, out var parsed, out _) ? parsed : UploadMetadata.Empty;
        if (UploadTarget.TryDecide(metadata, info.Id, allowHidden: false, out var target) is not null
            || !UploadTarget.TryConfine(ref target, info.Scope)
            || !InsideRoot(target.Folder))
        {
            // Checked at creation; only reachable if the metadata was stored by an older server or a link now leads out.
            LogTargetRefused(logger, info.Id);
            return info;
        }
        await dedupe.ShareAsync(info, request).ConfigureAwait(false);
        var candidates = UploadFileName.Candidates(root.Disk.Lexical(target.Folder), target.FileName);
        var replace = options.Value.Uploads.NameClash == UploadNameClash.Replace
            || await new RetriedCreation(services, store).IsRetryOfAsync(root.RelativeName(candidates.First()), info).ConfigureAwait(false);
        var placed = await store.Placement!.PlaceAsync(info.Id, candidates, replace, CancellationToken.None).ConfigureAwait(false);
        if (placed?.PlacedPath is null)
        {
            return info;
        }
        if (store.Recovery is not null && !placed.Unsettled)
        {
            return placed; // placed and settled by a completion that finished before this one took the upload's lock
        }
        LogPlaced(logger, placed.Id, placed.PlacedPath, placed.Offset);
        return await SettleAsync(placed, request).ConfigureAwait(false);
    }

    /// <summary>
    /// The state to report for <paramref name="info"/> (offset retrieval). A complete upload that is not yet a file is being placed
    /// by the request that delivered its last byte — that request may already have lost its client — or its placement was cut
    /// short: wait for it under the upload's lock, or finish it, so no response says "complete" without naming the file the upload
    /// became (issue 11 item 11; found by the IETF fault trials).
    /// </summary>
    public async Task<UploadInfo> ReportableAsync(UploadInfo info, HttpRequest request)
    {
        if (info is not { IsComplete: true, PlacedPath: null } || info.Kind == UploadKind.Partial)
        {
            return info;
        }
        var (completed, _) = await CompleteVerifiedAsync(info, request, null).ConfigureAwait(false);
        return completed;
    }

    /// <summary>
    /// Appends through the store; when the body ends badly (the client left, the connection broke) the bytes committed before
    /// that are acknowledged state, and if they complete the upload it becomes a file now — not when the client comes back,
    /// which a client that already saw its last byte leave never does (issue 11 item 11).
    /// </summary>
    public async Task<AppendResult> AppendAsync(string id, AppendRequest append, CancellationToken cancellation)
    {
        using var inFlight = _metrics.Transfer(TransferDirection.Upload);
        try
        {
            var result = await store.Core.AppendAsync(id, append, cancellation).ConfigureAwait(false);
            _metrics.Received(result.BytesWritten);
            return result;
        }
        catch (Exception)
        {
            await FinishIfCompleteAsync(id).ConfigureAwait(false);
            throw;
        }
    }

    private async Task FinishIfCompleteAsync(string id)
    {
        try
        {
            if ((await store.Core.FindAsync(id, CancellationToken.None).ConfigureAwait(false)).Info is { IsComplete: true, PlacedPath: null } info)
            {
                await CompleteVerifiedAsync(info, null, null).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or StorageUnavailableException)
        {
            // The start finishes it (UploadRecoveryService); the append's own failure is the one to report.
            LogFinishFailed(logger, id, e);
        }
    }

    [LoggerMessage(EventId = 322, Level = LogLevel.Warning, Message = "Upload {UploadId}: completing after a broken request failed; the next start finishes it")]
    private static partial void LogFinishFailed(ILogger logger, string uploadId, Exception exception);

    /// <summary>What follows placement — owner, digest record, completion event — then the record that it ran.</summary>
    private async Task<UploadInfo> SettleAsync(UploadInfo placed, HttpRequest? request)
    {
        access.Placed(placed);
        if (placed.Sha256 is not null)
        {
            services.GetService<IFileDigests>()?.Record(root.RelativeName(placed.PlacedPath!), placed.Sha256);
            await dedupe.IndexAsync(placed).ConfigureAwait(false);
        }
        await events.CompletedAsync(placed, (request is null ? null : FileUrl(request, placed)) ?? "", CancellationToken.None)
            .ConfigureAwait(false);
        if (store.Recovery is not null)
        {
            await store.Recovery.SettleAsync(placed.Id, CancellationToken.None).ConfigureAwait(false);
        }
        return placed with { Unsettled = false };
    }

    /// <summary>
    /// As <see cref="CompleteAsync"/>, first checking the whole upload against an expected SHA-256 (IETF <c>Repr-Digest</c>, RFC 9530)
    /// given now or at creation. A mismatch discards the upload and returns the rejection.
    /// </summary>
    public async Task<(UploadInfo Info, ProtocolError? Error)> CompleteVerifiedAsync(
        UploadInfo info, HttpRequest? request, byte[]? expectedSha256)
    {
        expectedSha256 ??= info.ExpectedSha256;
        if (expectedSha256 is not null && info.IsComplete && info.PlacedPath is null && store.Placement is not null)
        {
            var actual = await store.Placement.DigestAsync(info.Id, CancellationToken.None).ConfigureAwait(false);
            if (actual is not null && !actual.AsSpan().SequenceEqual(expectedSha256))
            {
                if (store.Termination is not null)
                {
                    await store.Termination.TerminateAsync(info.Id, CancellationToken.None).ConfigureAwait(false);
                }
                return (info, ProtocolErrors.ReprDigestMismatch.WithDetail(
                    $"The {info.Offset} bytes received have SHA-256 :{Convert.ToBase64String(actual)}:, but Repr-Digest declared "
                    + $":{Convert.ToBase64String(expectedSha256)}:; the upload was discarded and no file was stored."));
            }
        }
        return (await CompleteAsync(info, request).ConfigureAwait(false), null);
    }

    /// <summary>The download URL of the file <paramref name="info"/> became, or null while it is not placed.</summary>
    public string? FileUrl(HttpRequest request, UploadInfo info) =>
        UploadUrls.File(request, root, options.Value.PathBase, info.PlacedPath, services.GetRequiredService<StoredFiles>());

    /// <summary>
    /// Whether every existing folder on the way to <paramref name="folder"/> resolves inside the root and outside the state
    /// folder: a symbolic link to elsewhere must not become a way out (missing folders are created below a checked one).
    /// </summary>
    private bool InsideRoot(RelativePath folder)
    {
        var prefix = RelativePath.Root;
        foreach (var segment in folder.Segments)
        {
            prefix = prefix.Append(segment);
            var lexical = root.Disk.Lexical(prefix);
            if (!Path.Exists(lexical))
            {
                return true;
            }
            if (root.Disk.Resolve(prefix) is null || File.Exists(lexical))
            {
                return false;
            }
        }
        return true;
    }

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "Upload {UploadId} is complete but its target folder is not usable; it stays unplaced")]
    private static partial void LogTargetRefused(ILogger logger, string uploadId);

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Upload {UploadId} completed as {Path} ({Bytes} bytes)")]
    private static partial void LogPlaced(ILogger logger, string uploadId, string path, long bytes);

    private async Task FinishFinalsAsync(UploadInfo partial, HttpRequest? request)
    {
        if (store.Concatenation is null)
        {
            return;
        }
        foreach (var finalId in partial.FinalIds)
        {
            var final = await store.Concatenation.TryFinishAsync(finalId, CancellationToken.None).ConfigureAwait(false);
            if (final is { IsComplete: true })
            {
                await CompleteAsync(final, request).ConfigureAwait(false);
            }
        }
    }
}
