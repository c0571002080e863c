using Amazon.S3.Model;
using Baton.Storage.FileSystem;
using Baton.Storage.S3.Files;

namespace Baton.Storage.S3.Uploads;

public sealed partial class S3UploadStore
{
    public async Task<TerminationOutcome> TerminateAsync(string id, CancellationToken cancellation)
    {
        // A DELETE stops a running append (the lock's takeover) rather than waiting behind it.
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false);
        // Without the lock only read (a placement cut short is finished by lock holders alone).
        var (lookup, entry) = lease is null
            ? (await FindAsync(id, cancellation).ConfigureAwait(false), null)
            : await FindLockedAsync(id, cancellation).ConfigureAwait(false);
        switch (lookup.Presence)
        {
            case UploadPresence.NotFound:
                return TerminationOutcome.NotFound;
            case UploadPresence.Gone:
                return TerminationOutcome.Gone;
        }
        if (lease is null)
        {
            return TerminationOutcome.Locked;
        }
        await RemoveAsync(entry!.Record).ConfigureAwait(false);
        return TerminationOutcome.Terminated;
    }

    public async Task<bool> DeclareLengthAsync(string id, long length, CancellationToken cancellation)
    {
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false);
        if (lease is null || await FindLockedAsync(id, cancellation).ConfigureAwait(false) is not ({ Info: { } info }, { } entry))
        {
            return false;
        }
        if (info.Length is long known)
        {
            return known == length;
        }
        if (length < info.Offset)
        {
            return false;
        }
        await SaveAsync(entry, entry.Record with { Info = info with { Length = length } }).ConfigureAwait(false);
        return true;
    }

    public async Task<byte[]?> DigestAsync(string id, CancellationToken cancellation)
    {
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false)
            // Held past the lock wait by the request (on any instance) that is placing it: reporting "complete" without the file
            // it became — or "not complete" — would both mislead the caller; it asks again a moment later (503, Retry-After).
            ?? throw new StorageUnavailableException("The upload is being placed by another request.", TimeSpan.FromSeconds(1));
        if (await FindLockedAsync(id, cancellation).ConfigureAwait(false) is not ({ Info: { IsComplete: true } info }, { } entry))
        {
            return null;
        }
        return info.Sha256 ?? await CompletedDigestAsync(entry, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies the joined object server-side to the first candidate that does not exist (the clash rule: checked with
    /// <c>HeadObject</c> just before the copy — S3 engines differ in conditional-copy support), with its SHA-256 and owner in
    /// the object's metadata, then deletes the upload's data.
    /// </summary>
    public async Task<UploadInfo?> PlaceAsync(string id, IEnumerable<string> candidates, bool replace, CancellationToken cancellation)
    {
        await using var lease = await _locks.AcquireAsync(id, cancellation).ConfigureAwait(false)
            // Held past the lock wait by the request (on any instance) that is placing it: reporting "complete" without the file
            // it became — or "not complete" — would both mislead the caller; it asks again a moment later (503, Retry-After).
            ?? throw new StorageUnavailableException("The upload is being placed by another request.", TimeSpan.FromSeconds(1));
        if (await FindLockedAsync(id, cancellation).ConfigureAwait(false) is not ({ Info: { IsComplete: true } info }, { } entry))
        {
            return null;
        }
        if (info.PlacedPath is not null)
        {
            return info;
        }
        var sha256 = await CompletedDigestAsync(entry, cancellation).ConfigureAwait(false);
        foreach (var candidate in candidates)
        {
            if (TargetName(candidate) is not { } name)
            {
                continue;
            }
            var key = _s3.Keys.File(name);
            if (!replace && await ExistsAsync(key, cancellation).ConfigureAwait(false))
            {
                continue;
            }
            // The intent first: a crash after the copy but before the placed record is finished by the next load
            // (FinishPlacementAsync), which recognises the copy by the upload id in its metadata — never placed twice.
            await SaveAsync(entry, entry.Record with { Info = info with { PlacingPath = candidate, Sha256 = sha256 } }).ConfigureAwait(false);
            await new S3ObjectCopy(_s3).CopyAsync(_s3.Keys.Data(id), key, info.Offset, Metadata(info, sha256)).ConfigureAwait(false);
            var placed = entry.Record with
            {
                Info = info with
                {
                    PlacedPath = candidate, PlacingPath = null, Unsettled = true, Sha256 = sha256, ExpiresAt = NextExpiry() ?? info.ExpiresAt,
                },
                PlacedKey = key,
            };
            await SaveAsync(entry, placed).ConfigureAwait(false);
            _entries.TryRemove(id, out _); // placed: its SHA-256 is in the record now
            await DeleteObjectsAsync(_s3.Keys.UploadObjects(id), keep: _s3.Keys.Record(id)).ConfigureAwait(false);
            var head = await _s3.FindAsync("stat", c => c.GetObjectMetadataAsync(_s3.Bucket, key, CancellationToken.None), CancellationToken.None)
                .ConfigureAwait(false);
            if (head is not null)
            {
                _digests.Store(name.ToString(), S3Versions.Of(head), sha256);
            }
            return placed.Info;
        }
        return null;
    }

    private static Dictionary<string, string> Metadata(UploadInfo info, byte[] sha256)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [S3Versions.Sha256Metadata] = Convert.ToHexStringLower(sha256),
            [S3Versions.UploadMetadata] = info.Id,
        };
        if (info.Owner is { } owner && owner.All(c => c is >= ' ' and < '\u007f'))
        {
            metadata[S3Versions.OwnerMetadata] = owner;
        }
        return metadata;
    }

    private async Task<bool> ExistsAsync(string key, CancellationToken cancellation) =>
        await _s3.FindAsync("stat", c => c.GetObjectMetadataAsync(_s3.Bucket, key, cancellation), cancellation).ConfigureAwait(false) is not null;

    public async Task<int> RemoveExpiredAsync(DateTimeOffset now, CancellationToken cancellation)
    {
        var removed = 0;
        var expired = new List<string>();
        await foreach (var id in _records.ExpiredAsync(now, cancellation).ConfigureAwait(false))
        {
            expired.Add(id);
        }
        foreach (var id in expired)
        {
            // Once across the cluster: the upload's lock (an advisory lock in cluster mode) is taken only if free — a busy upload
            // is not abandoned — and the record is read again under it, so an instance that comes second finds it gone or renewed.
            await using var lease = await _locks.TryAcquireAsync(id, CancellationToken.None).ConfigureAwait(false);
            if (lease is not null
                && await LoadAsync(id, CancellationToken.None).ConfigureAwait(false) is (_, { Info.ExpiresAt: { } at } entry) && at < now
                && await RemoveAsync(entry.Record).ConfigureAwait(false))
            {
                removed++;
            }
        }
        return removed;
    }
}
