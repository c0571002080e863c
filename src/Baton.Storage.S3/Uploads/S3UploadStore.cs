using System.Collections.Concurrent;
using System.Text.Json;
using Amazon.S3.Model;
using Baton.Protocol.Paths;
using Baton.Storage.FileSystem;
using Baton.Storage.Locking;
using Baton.Storage.Records;
using Baton.Storage.S3.Files;

namespace Baton.Storage.S3.Uploads;

/// <summary>
/// Uploads as S3 multipart uploads, with no local temp files: appended bytes fill one pooled part buffer and go to
/// <c>UploadPart</c> whenever a whole part is there; what is left short of a part at the end of a request is kept as a "tail"
/// object and read back in front of the next append. The record (<see cref="S3UploadRecord"/>, kept by an
/// <see cref="IUploadRecords"/>: an object beside the data, or PostgreSQL in cluster mode) is replaced only after S3 acknowledged
/// the bytes, so an acknowledged offset is always held by S3 and a restarted server — or another instance — resumes from it.
/// Every request loads the record afresh; nothing this process remembers is trusted over it (docs/cluster.md).
/// Implements every optional capability, as the disk store does.
/// </summary>
public sealed partial class S3UploadStore :
    IUploadStore, IUploadTermination, IUploadConcatenation, IUploadLengthDeferral, IUploadPlacement, IUploadExpiry, IUploadRecovery,
    IDisposable
{
    private readonly S3Connection _s3;
    private readonly IUploadLocker _locks;
    private readonly IUploadRecords _records;
    private readonly TimeProvider _time;
    private readonly TimeSpan? _expiration;
    private readonly S3FileDigests _digests;
    private readonly string? _placementBase;
    private readonly PartBuffers _buffers;

    // Entries whose digest (running or complete) this process holds, for that digest only: reused when the loaded record still
    // has the version the entry saved. Entries without one are not kept, so the map holds only uploads this instance is receiving.
    private readonly ConcurrentDictionary<string, S3UploadEntry> _entries = new(StringComparer.Ordinal);

    public S3UploadStore(S3Connection s3, IUploadLocker locker, IUploadRecords records, TimeProvider time, S3FileDigests digests,
        S3UploadSettings settings)
    {
        _s3 = s3;
        _locks = locker;
        _records = records;
        _time = time;
        _expiration = settings.Expiration;
        _digests = digests;
        _placementBase = settings.PlacementBase?.TrimEnd('/');
        _buffers = new PartBuffers(s3.Options.PartSize, s3.Options.BufferMemoryLimit);
    }

    private DateTimeOffset? NextExpiry() => _expiration is { } e ? _time.GetUtcNow() + e : null;

    public async Task<UploadInfo> CreateAsync(NewUpload upload, CancellationToken cancellation)
    {
        var info = new UploadInfo
        {
            Id = UploadIds.New(),
            Length = upload.Length,
            Metadata = upload.Metadata,
            Kind = upload.Kind,
            Concat = upload.Concat,
            ExpectedSha256 = upload.ExpectedSha256,
            Owner = upload.Owner,
            Scope = upload.Scope,
            CreatedAt = _time.GetUtcNow(),
            ExpiresAt = NextExpiry(),
        };
        var entry = new S3UploadEntry(new S3UploadRecord { Info = info }, 0);
        await SaveAsync(entry, entry.Record).ConfigureAwait(false);
        return info;
    }

    public async Task<UploadLookup> FindAsync(string id, CancellationToken cancellation)
    {
        var (presence, entry) = await LoadAsync(id, cancellation).ConfigureAwait(false);
        if (entry?.Info is { PlacedPath: null, PlacingPath: not null })
        {
            // A placement in progress, or cut short by a crash: finished here only when nobody holds the upload (a placing
            // instance does); otherwise reported as it is — complete, not yet placed.
            await using var lease = await _locks.TryAcquireAsync(id, cancellation).ConfigureAwait(false);
            if (lease is not null)
            {
                (presence, entry) = await LoadLockedAsync(id, cancellation).ConfigureAwait(false);
            }
        }
        return Lookup(presence, entry);
    }

    private UploadLookup Lookup(UploadPresence presence, S3UploadEntry? entry) => entry switch
    {
        null => presence == UploadPresence.Gone ? UploadLookup.Gone : UploadLookup.NotFound,
        _ when IsExpired(entry.Info) => UploadLookup.Gone,
        _ => new UploadLookup(UploadPresence.Found, entry.Info),
    };

    private bool IsExpired(UploadInfo info) => info.ExpiresAt is { } at && at < _time.GetUtcNow() && info.PlacedPath is null;

    /// <summary>The upload as its record says now, with the cached running digest when the record is the one this process
    /// last saved (after a restart or another instance's write the digest is gone: the upload is hashed once from S3 when it
    /// completes).</summary>
    private async Task<(UploadPresence Presence, S3UploadEntry? Entry)> LoadAsync(string id, CancellationToken cancellation)
    {
        if (!UploadIds.IsWellFormed(id))
        {
            return (UploadPresence.NotFound, null);
        }
        var lookup = await _records.LoadAsync(id, cancellation).ConfigureAwait(false);
        if (lookup.Presence != UploadPresence.Found)
        {
            _entries.TryRemove(id, out _);
            return (lookup.Presence, null);
        }
        if (_entries.TryGetValue(id, out var cached) && cached.Version == lookup.Version)
        {
            return (UploadPresence.Found, cached);
        }
        if (S3ObjectUploadRecords.Parse(lookup.Record) is not { } record || record.Info.Id != id)
        {
            return (UploadPresence.NotFound, null);
        }
        // A cached entry of an older version is not disposed (a request of this process may still hash into it), only not reused.
        return (UploadPresence.Found, new S3UploadEntry(Localize(record), lookup.Version));
    }

    /// <summary>As <see cref="LoadAsync"/>, for a caller holding the upload's lock: a placement a crash cut short is finished first.</summary>
    private async Task<(UploadPresence Presence, S3UploadEntry? Entry)> LoadLockedAsync(string id, CancellationToken cancellation)
    {
        var loaded = await LoadAsync(id, cancellation).ConfigureAwait(false);
        if (loaded.Entry?.Info is { PlacedPath: null, PlacingPath: not null })
        {
            await FinishPlacementAsync(loaded.Entry).ConfigureAwait(false);
        }
        return loaded;
    }

    /// <summary>Under the upload's lock: the lookup and, when found, the entry.</summary>
    private async Task<(UploadLookup Lookup, S3UploadEntry? Entry)> FindLockedAsync(string id, CancellationToken cancellation)
    {
        var (presence, entry) = await LoadLockedAsync(id, cancellation).ConfigureAwait(false);
        var lookup = Lookup(presence, entry);
        return (lookup, lookup.Info is null ? null : entry);
    }

    /// <summary>Replaces the record (atomic, and refused if another writer saved since this entry was loaded). Not cancelled by
    /// the request: once bytes are in S3 the record that acknowledges them is written even if the client has gone.</summary>
    private async Task SaveAsync(S3UploadEntry entry, S3UploadRecord record)
    {
        var portable = record with
        {
            Info = record.Info with { PlacedPath = Portable(record.Info.PlacedPath), PlacingPath = Portable(record.Info.PlacingPath) },
        };
        var json = JsonSerializer.SerializeToUtf8Bytes(portable, S3RecordJson.Default.S3UploadRecord);
        entry.Version = await _records.SaveAsync(portable.Info, json, entry.Version, CancellationToken.None).ConfigureAwait(false);
        entry.Record = Localize(record);
        Remember(entry);
    }

    /// <summary>Keeps <paramref name="entry"/> for the next request of this process while it carries a digest worth reusing.</summary>
    private void Remember(S3UploadEntry entry)
    {
        if (entry.Digest is not null || entry.CompletedSha256 is not null)
        {
            _entries[entry.Info.Id] = entry;
        }
        else
        {
            _entries.TryRemove(entry.Info.Id, out _);
        }
    }

    // Records name placed files relative to the root, so every instance reads them the same whatever its local root folder; the
    // server sees full paths below its own root (IUploadPlacement's contract, docs/architecture.md "Known seam debt").
    private string? Portable(string? path) =>
        path is not null && _placementBase is not null && path.StartsWith(_placementBase + "/", StringComparison.Ordinal)
            ? path[(_placementBase.Length + 1)..]
            : path;

    private S3UploadRecord Localize(S3UploadRecord record) => record with
    {
        Info = record.Info with { PlacedPath = Local(record.Info.PlacedPath), PlacingPath = Local(record.Info.PlacingPath) },
    };

    private string? Local(string? path) =>
        path is null || _placementBase is null || Path.IsPathRooted(path) ? path : _placementBase + "/" + path;

    /// <summary>Removes an upload (under its lock): aborts its multipart upload, deletes its objects, then its record — last,
    /// so a crash in between leaves a record the next sweep removes again. True only for the call that removed the record.</summary>
    private async Task<bool> RemoveAsync(S3UploadRecord record)
    {
        var id = record.Info.Id;
        _entries.TryRemove(id, out _);
        if (record.MultipartId is { } multipart)
        {
            await _s3.FindAsync("abort upload", c => c.AbortMultipartUploadAsync(_s3.Bucket, _s3.Keys.Data(id), multipart), CancellationToken.None)
                .ConfigureAwait(false);
        }
        await DeleteObjectsAsync(_s3.Keys.UploadObjects(id), keep: _s3.Keys.Record(id)).ConfigureAwait(false);
        var removed = await _records.DeleteAsync(id, CancellationToken.None).ConfigureAwait(false);
        _locks.Forget(id);
        return removed;
    }

    /// <summary>Deletes every object whose key starts with <paramref name="prefix"/>, except <paramref name="keep"/>.</summary>
    private async Task DeleteObjectsAsync(string prefix, string? keep)
    {
        var listed = await _s3.CallAsync("list upload", c => c.ListObjectsV2Async(new ListObjectsV2Request
        {
            BucketName = _s3.Bucket,
            Prefix = prefix,
        }), CancellationToken.None).ConfigureAwait(false);
        var keys = (listed.S3Objects ?? []).Select(o => o.Key).Where(k => k != keep).ToList();
        if (keys.Count > 0)
        {
            await _s3.CallAsync("delete upload", c => c.DeleteObjectsAsync(new DeleteObjectsRequest
            {
                BucketName = _s3.Bucket,
                Objects = keys.Select(k => new KeyVersion { Key = k }).ToList(),
            }), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>A placement target as a relative name: a full path below the local root the server names, or a relative name.</summary>
    private RelativePath? TargetName(string candidate)
    {
        var name = candidate;
        if (Path.IsPathRooted(candidate))
        {
            if (_placementBase is null || !candidate.StartsWith(_placementBase + "/", StringComparison.Ordinal))
            {
                return null;
            }
            name = candidate[(_placementBase.Length + 1)..];
        }
        return RelativePath.TryParse(name, allowHidden: false, out var path) == PathCheck.Valid && !path.IsRoot ? path : null;
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values)
        {
            entry.Dispose();
        }
        _buffers.Dispose();
    }
}
