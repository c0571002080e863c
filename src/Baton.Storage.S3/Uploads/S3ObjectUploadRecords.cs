using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Amazon.S3.Model;
using Baton.Storage.FileSystem;
using Baton.Storage.Records;

namespace Baton.Storage.S3.Uploads;

/// <summary>
/// Upload records as objects beside the upload's data (<c>.baton/uploads/ID.json</c>, one PUT each: atomic) — the default for one
/// instance. This process is the only writer, so what it loaded or wrote stays true and is kept in memory (versions count this
/// process's saves; "gone" is remembered until the process ends). Several instances share <c>PostgresUploadRecords</c> instead.
/// </summary>
public sealed class S3ObjectUploadRecords(S3Connection s3) : IUploadRecords
{
    private readonly ConcurrentDictionary<string, (byte[] Record, long Version)> _loaded = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _gone = new(StringComparer.Ordinal);

    public async Task<UploadRecordLookup> LoadAsync(string id, CancellationToken cancellation)
    {
        if (_loaded.TryGetValue(id, out var known))
        {
            return UploadRecordLookup.Found(known.Record, known.Version);
        }
        if (_gone.ContainsKey(id))
        {
            return UploadRecordLookup.Gone;
        }
        using var response = await s3.FindAsync("read upload", c => c.GetObjectAsync(s3.Bucket, s3.Keys.Record(id), cancellation), cancellation)
            .ConfigureAwait(false);
        if (response is null)
        {
            return _gone.ContainsKey(id) ? UploadRecordLookup.Gone : UploadRecordLookup.NotFound;
        }
        using var copy = new MemoryStream();
        await response.ResponseStream.CopyToAsync(copy, cancellation).ConfigureAwait(false);
        var loaded = _loaded.GetOrAdd(id, (copy.ToArray(), 1));
        return UploadRecordLookup.Found(loaded.Record, loaded.Version);
    }

    /// <summary>One PUT; not cancelled by the request — once bytes are in S3, the record that acknowledges them is written.</summary>
    public async Task<long> SaveAsync(UploadInfo info, ReadOnlyMemory<byte> record, long basedOn, CancellationToken cancellation)
    {
        var bytes = record.ToArray();
        await s3.CallAsync("record upload", c => c.PutObjectAsync(new PutObjectRequest
        {
            BucketName = s3.Bucket,
            Key = s3.Keys.Record(info.Id),
            InputStream = new MemoryStream(bytes, writable: false),
            ContentType = "application/json",
        }), CancellationToken.None).ConfigureAwait(false);
        var version = basedOn + 1;
        _loaded[info.Id] = (bytes, version);
        return version;
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellation)
    {
        var first = _gone.TryAdd(id, 0);
        _loaded.TryRemove(id, out _);
        await s3.FindAsync("delete", c => c.DeleteObjectAsync(s3.Bucket, s3.Keys.Record(id)), CancellationToken.None).ConfigureAwait(false);
        return first;
    }

    public async IAsyncEnumerable<string> IdsAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        string? token = null;
        do
        {
            var page = await s3.CallAsync("list uploads", c => c.ListObjectsV2Async(new ListObjectsV2Request
            {
                BucketName = s3.Bucket,
                Prefix = s3.Keys.Uploads,
                ContinuationToken = token,
            }, cancellation), cancellation).ConfigureAwait(false);
            foreach (var entry in page.S3Objects ?? [])
            {
                cancellation.ThrowIfCancellationRequested();
                var name = entry.Key[s3.Keys.Uploads.Length..];
                if (name.EndsWith(".json", StringComparison.Ordinal) && name[..^5] is { } id && UploadIds.IsWellFormed(id))
                {
                    yield return id;
                }
            }
            token = page.IsTruncated == true ? page.NextContinuationToken : null;
        }
        while (token is not null);
    }

    /// <summary>Reads every record: there is no index beside the objects (fine for one instance's sweep).</summary>
    public async IAsyncEnumerable<string> ExpiredAsync(DateTimeOffset now, [EnumeratorCancellation] CancellationToken cancellation)
    {
        await foreach (var id in IdsAsync(cancellation).ConfigureAwait(false))
        {
            var lookup = await LoadAsync(id, cancellation).ConfigureAwait(false);
            if (lookup.Presence == UploadPresence.Found && Parse(lookup.Record)?.Info.ExpiresAt is { } at && at < now)
            {
                yield return id;
            }
        }
    }

    internal static S3UploadRecord? Parse(ReadOnlyMemory<byte> record)
    {
        try
        {
            return JsonSerializer.Deserialize(record.Span, S3RecordJson.Default.S3UploadRecord);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
