using System.Collections.Concurrent;
using System.Text.Json;
using Amazon.S3.Model;
using Baton.Protocol.Paths;
using Baton.Storage.FileSystem;
using Baton.Storage.Locking;
using Baton.Storage.S3.Files;

namespace Baton.Storage.S3.Uploads;

/// <summary>
/// Uploads as S3 multipart uploads, with no local temp files: appended bytes fill one pooled part buffer and go to
/// <c>UploadPart</c> whenever a whole part is there; what is left short of a part at the end of a request is kept as a "tail"
/// object and read back in front of the next append. The record (<see cref="S3UploadRecord"/>) is replaced only after S3
/// acknowledged the bytes, so an acknowledged offset is always held by S3 and a restarted server resumes from it.
/// Implements every optional capability, as the disk store does.
/// </summary>
public sealed partial class S3UploadStore :
    IUploadStore, IUploadTermination, IUploadConcatenation, IUploadLengthDeferral, IUploadPlacement, IUploadExpiry, IUploadRecovery,
    IDisposable
{
    private readonly S3Connection _s3;
    private readonly IUploadLocker _locks;
    private readonly TimeProvider _time;
    private readonly TimeSpan? _expiration;
    private readonly S3FileDigests _digests;
    private readonly string? _placementBase;
    private readonly PartBuffers _buffers;
    private readonly ConcurrentDictionary<string, S3UploadEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _gone = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _loading = new(1, 1);

    /// <param name="placementBase">The local root folder the server names placement targets in (full paths below it are
    /// turned into relative names); null when targets are relative names already.</param>
    public S3UploadStore(S3Connection s3, IUploadLocker locker, TimeProvider time, TimeSpan? expiration, S3FileDigests digests,
        string? placementBase)
    {
        _s3 = s3;
        _locks = locker;
        _time = time;
        _expiration = expiration;
        _digests = digests;
        _placementBase = placementBase?.TrimEnd('/');
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
        var entry = new S3UploadEntry(new S3UploadRecord { Info = info });
        await SaveAsync(entry, entry.Record).ConfigureAwait(false);
        _entries[info.Id] = entry;
        return info;
    }

    public async Task<UploadLookup> FindAsync(string id, CancellationToken cancellation)
    {
        var entry = await LoadAsync(id, cancellation).ConfigureAwait(false);
        if (entry is null)
        {
            return _gone.ContainsKey(id) ? UploadLookup.Gone : UploadLookup.NotFound;
        }
        return IsExpired(entry.Info) ? UploadLookup.Gone : new UploadLookup(UploadPresence.Found, entry.Info);
    }

    private bool IsExpired(UploadInfo info) => info.ExpiresAt is { } at && at < _time.GetUtcNow() && info.PlacedPath is null;

    /// <summary>The in-memory entry, reading the record on first use (after a restart the running digest is gone: the upload
    /// is hashed once from S3 when it completes).</summary>
    private async Task<S3UploadEntry?> LoadAsync(string id, CancellationToken cancellation)
    {
        if (!UploadIds.IsWellFormed(id))
        {
            return null;
        }
        if (_entries.TryGetValue(id, out var cached))
        {
            return cached;
        }
        await _loading.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            if (_entries.TryGetValue(id, out cached))
            {
                return cached;
            }
            var record = await ReadRecordAsync(id, cancellation).ConfigureAwait(false);
            if (record is null || record.Info.Id != id)
            {
                return null;
            }
            var entry = new S3UploadEntry(record);
            if (record.Info is { PlacedPath: null, PlacingPath: not null })
            {
                await FinishPlacementAsync(entry).ConfigureAwait(false);
            }
            _entries[id] = entry;
            return entry;
        }
        finally
        {
            _loading.Release();
        }
    }

    private async Task<S3UploadRecord?> ReadRecordAsync(string id, CancellationToken cancellation)
    {
        using var response = await _s3.FindAsync("read upload", c => c.GetObjectAsync(_s3.Bucket, _s3.Keys.Record(id), cancellation), cancellation)
            .ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }
        try
        {
            return await JsonSerializer.DeserializeAsync(response.ResponseStream, S3RecordJson.Default.S3UploadRecord, cancellation)
                .ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Replaces the record in S3 (one PUT: atomic), then in memory. Not cancelled by the request: once bytes are in S3
    /// the record that acknowledges them is written even if the client has gone.</summary>
    private async Task SaveAsync(S3UploadEntry entry, S3UploadRecord record)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(record, S3RecordJson.Default.S3UploadRecord);
        await _s3.CallAsync("record upload", c => c.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _s3.Bucket,
            Key = _s3.Keys.Record(record.Info.Id),
            InputStream = new MemoryStream(json, writable: false),
            ContentType = "application/json",
        }), CancellationToken.None).ConfigureAwait(false);
        entry.Record = record;
    }

    /// <summary>Removes an upload: aborts its multipart upload and deletes all its objects (record included).</summary>
    private async Task RemoveAsync(string id)
    {
        _gone[id] = 0;
        if (_entries.TryRemove(id, out var entry))
        {
            entry.Dispose();
        }
        var record = entry?.Record ?? await ReadRecordAsync(id, CancellationToken.None).ConfigureAwait(false);
        if (record?.MultipartId is { } multipart)
        {
            await _s3.FindAsync("abort upload", c => c.AbortMultipartUploadAsync(_s3.Bucket, _s3.Keys.Data(id), multipart), CancellationToken.None)
                .ConfigureAwait(false);
        }
        await DeleteObjectsAsync(_s3.Keys.UploadObjects(id), keep: null).ConfigureAwait(false);
        _locks.Forget(id);
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
        _loading.Dispose();
        _buffers.Dispose();
    }
}
