using System.Runtime.CompilerServices;
using Baton.Storage.S3.Files;

namespace Baton.Storage.S3.Uploads;

/// <summary>
/// Crash-safe completion on S3, as on disk (docs/uploads.md §Completion never depends on the request surviving): placement
/// records its intent (<see cref="UploadInfo.PlacingPath"/>) before the server-side copy, so a load after a crash either finds
/// the copy — the object at that name carries this upload's id — and finishes the record, or finds none and forgets the
/// intent, leaving a complete upload that the start (<see cref="UnfinishedAsync"/>) places.
/// </summary>
public sealed partial class S3UploadStore
{
    public async IAsyncEnumerable<UploadInfo> UnfinishedAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        await foreach (var id in _records.IdsAsync(cancellation).ConfigureAwait(false))
        {
            if ((await FindAsync(id, cancellation).ConfigureAwait(false)).Info is { } info
                && ((info.IsComplete && info.PlacedPath is null && info.Kind != UploadKind.Partial) || info.Unsettled))
            {
                yield return info;
            }
        }
    }

    public async Task SettleAsync(string id, CancellationToken cancellation)
    {
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false);
        if (lease is not null && await LoadLockedAsync(id, cancellation).ConfigureAwait(false) is (_, { Info.Unsettled: true } entry))
        {
            await SaveAsync(entry, entry.Record with { Info = entry.Info with { Unsettled = false } }).ConfigureAwait(false);
        }
    }

    /// <summary>A record that names a placement in progress, read after a restart: finish it or forget it.</summary>
    private async Task FinishPlacementAsync(S3UploadEntry entry)
    {
        var info = entry.Info;
        var key = TargetName(info.PlacingPath!) is { } name ? _s3.Keys.File(name) : null;
        var head = key is null ? null
            : await _s3.FindAsync("stat", c => c.GetObjectMetadataAsync(_s3.Bucket, key, CancellationToken.None), CancellationToken.None)
                .ConfigureAwait(false);
        if (head is not null && head.Metadata[S3Versions.UploadMetadata] == info.Id)
        {
            await SaveAsync(entry, entry.Record with
            {
                Info = info with { PlacedPath = info.PlacingPath, PlacingPath = null, Unsettled = true, ExpiresAt = NextExpiry() ?? info.ExpiresAt },
                PlacedKey = key,
            }).ConfigureAwait(false);
            await DeleteObjectsAsync(_s3.Keys.UploadObjects(info.Id), keep: _s3.Keys.Record(info.Id)).ConfigureAwait(false);
            return;
        }
        // The copy never happened (or another writer took the name): the upload is complete and unplaced again.
        await SaveAsync(entry, entry.Record with { Info = info with { PlacingPath = null } }).ConfigureAwait(false);
    }
}
