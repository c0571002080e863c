using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Server.Auth;
using Baton.Server.Hosting;
using Baton.Server.Uploads.Events;
using Baton.Server.Uploads.Http;
using Baton.Storage;
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
    UploadAccess access, ILogger<UploadCompletion> logger)
{
    /// <summary>Places <paramref name="info"/> if it is complete and not yet placed; returns its state afterwards.</summary>
    public async Task<UploadInfo> CompleteAsync(UploadInfo info, HttpRequest request, CancellationToken cancellation)
    {
        if (!info.IsComplete || info.PlacedPath is not null || store.Placement is null)
        {
            return info;
        }
        if (info.Kind == UploadKind.Partial)
        {
            await FinishFinalsAsync(info, request, cancellation).ConfigureAwait(false);
            return info;
        }
        var metadata = UploadMetadata.TryParse(info.Metadata, out var parsed, out _) ? parsed : UploadMetadata.Empty;
        var name = UploadFileName.Sanitize(metadata.GetString("filename") ?? metadata.GetString("name"), info.Id);
        var replace = options.Value.Uploads.NameClash == UploadNameClash.Replace;
        var placed = await store.Placement.PlaceAsync(info.Id, UploadFileName.Candidates(root.FullPath, name), replace, cancellation)
            .ConfigureAwait(false);
        if (placed?.PlacedPath is null)
        {
            return info;
        }
        LogPlaced(logger, placed.Id, placed.PlacedPath, placed.Offset);
        access.Placed(placed);
        if (placed.Sha256 is not null)
        {
            services.GetService<IFileDigests>()?.Record(root.RelativeName(placed.PlacedPath), placed.Sha256);
        }
        await events.CompletedAsync(placed, FileUrl(request, placed) ?? "", cancellation).ConfigureAwait(false);
        return placed;
    }

    /// <summary>
    /// As <see cref="CompleteAsync"/>, first checking the whole upload against an expected SHA-256 (IETF <c>Repr-Digest</c>, RFC 9530)
    /// given now or at creation. A mismatch discards the upload and returns the rejection.
    /// </summary>
    public async Task<(UploadInfo Info, ProtocolError? Error)> CompleteVerifiedAsync(
        UploadInfo info, HttpRequest request, byte[]? expectedSha256, CancellationToken cancellation)
    {
        expectedSha256 ??= info.ExpectedSha256;
        if (expectedSha256 is not null && info.IsComplete && info.PlacedPath is null && store.Placement is not null)
        {
            var actual = await store.Placement.DigestAsync(info.Id, cancellation).ConfigureAwait(false);
            if (actual is not null && !actual.AsSpan().SequenceEqual(expectedSha256))
            {
                if (store.Termination is not null)
                {
                    await store.Termination.TerminateAsync(info.Id, cancellation).ConfigureAwait(false);
                }
                return (info, ProtocolErrors.ReprDigestMismatch);
            }
        }
        return (await CompleteAsync(info, request, cancellation).ConfigureAwait(false), null);
    }

    /// <summary>The download URL of the file <paramref name="info"/> became, or null while it is not placed.</summary>
    public string? FileUrl(HttpRequest request, UploadInfo info) =>
        UploadUrls.File(request, root, options.Value.PathBase, info.PlacedPath);

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Upload {UploadId} completed as {Path} ({Bytes} bytes)")]
    private static partial void LogPlaced(ILogger logger, string uploadId, string path, long bytes);

    private async Task FinishFinalsAsync(UploadInfo partial, HttpRequest request, CancellationToken cancellation)
    {
        if (store.Concatenation is null)
        {
            return;
        }
        foreach (var finalId in partial.FinalIds)
        {
            var final = await store.Concatenation.TryFinishAsync(finalId, cancellation).ConfigureAwait(false);
            if (final is { IsComplete: true })
            {
                await CompleteAsync(final, request, cancellation).ConfigureAwait(false);
            }
        }
    }
}
