using Baton.Protocol.Tus;
using Baton.Server.Digests;
using Baton.Server.Hosting;
using Baton.Server.Uploads.Events;
using Baton.Server.Uploads.Http;
using Baton.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Baton.Server.Uploads.Completion;

/// <summary>
/// Turns a complete upload into a file in ROOT: named from its sanitised <c>filename</c> metadata, moved atomically by the
/// store, its SHA-256 (computed while receiving) recorded in the digest cache, <see cref="IUploadEvents.OnCompletedAsync"/> raised.
/// Partial uploads are never placed (tus §Concatenation); the final uploads waiting for them are finished instead.
/// </summary>
public sealed class UploadCompletion(
    StoreCapabilities store, BatonRoot root, IOptions<BatonOptions> options, IServiceProvider services, UploadEventDispatcher events)
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
        if (placed.Sha256 is not null)
        {
            services.GetService<IFileDigestCache>()?.Record(placed.PlacedPath, placed.Sha256);
        }
        await events.CompletedAsync(placed, FileUrl(request, placed) ?? "", cancellation).ConfigureAwait(false);
        return placed;
    }

    /// <summary>The download URL of the file <paramref name="info"/> became, or null while it is not placed.</summary>
    public string? FileUrl(HttpRequest request, UploadInfo info) =>
        UploadUrls.File(request, root, options.Value.PathBase, info.PlacedPath);

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
