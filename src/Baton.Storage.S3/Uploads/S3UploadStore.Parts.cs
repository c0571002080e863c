using System.Security.Cryptography;
using Amazon.S3.Model;

namespace Baton.Storage.S3.Uploads;

public sealed partial class S3UploadStore
{
    /// <summary>The upload's multipart upload, started (and recorded, so it can always be aborted) on first use.</summary>
    private async Task<string> MultipartAsync(S3UploadEntry entry)
    {
        if (entry.Record.MultipartId is { } existing)
        {
            return existing;
        }
        var id = entry.Info.Id;
        var started = await _s3.CallAsync("start upload", c => c.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = _s3.Bucket,
            Key = _s3.Keys.Data(id),
        }), CancellationToken.None).ConfigureAwait(false);
        await SaveAsync(entry, entry.Record with { MultipartId = started.UploadId }).ConfigureAwait(false);
        return started.UploadId;
    }

    /// <summary>Sends part <paramref name="number"/>; returns it once S3 acknowledged it.</summary>
    private async Task<S3Part> UploadPartAsync(S3UploadEntry entry, int number, byte[] buffer, int length)
    {
        var multipart = await MultipartAsync(entry).ConfigureAwait(false);
        var response = await _s3.CallAsync("upload part", c => c.UploadPartAsync(new UploadPartRequest
        {
            BucketName = _s3.Bucket,
            Key = _s3.Keys.Data(entry.Info.Id),
            UploadId = multipart,
            PartNumber = number,
            InputStream = new MemoryStream(buffer, 0, length, writable: false),
            PartSize = length,
        }), CancellationToken.None).ConfigureAwait(false);
        return new S3Part(number, length, response.ETag);
    }

    /// <summary>Writes a whole upload that never needed a part as its data object at once.</summary>
    private async Task PutDataAsync(S3UploadEntry entry, byte[] buffer, int length) =>
        await _s3.CallAsync("store", c => c.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _s3.Bucket,
            Key = _s3.Keys.Data(entry.Info.Id),
            InputStream = new MemoryStream(buffer, 0, length, writable: false),
        }), CancellationToken.None).ConfigureAwait(false);

    /// <summary>A part copied server-side from a range of another object (concatenation).</summary>
    private async Task<S3Part> CopyPartAsync(S3UploadEntry entry, int number, string sourceKey, long offset, long length)
    {
        var multipart = await MultipartAsync(entry).ConfigureAwait(false);
        var response = await _s3.CallAsync("copy part", c => c.CopyPartAsync(new CopyPartRequest
        {
            SourceBucket = _s3.Bucket,
            SourceKey = sourceKey,
            DestinationBucket = _s3.Bucket,
            DestinationKey = _s3.Keys.Data(entry.Info.Id),
            UploadId = multipart,
            PartNumber = number,
            FirstByte = offset,
            LastByte = offset + length - 1,
        }), CancellationToken.None).ConfigureAwait(false);
        return new S3Part(number, length, response.ETag);
    }

    /// <summary>Stores the bytes short of a whole part under a new tail key (the record still names the old one until replaced).</summary>
    private async Task<string> PutTailAsync(S3UploadEntry entry, long sequence, byte[] buffer, int length)
    {
        var key = _s3.Keys.Tail(entry.Info.Id, sequence);
        await _s3.CallAsync("store tail", c => c.PutObjectAsync(new PutObjectRequest
        {
            BucketName = _s3.Bucket,
            Key = key,
            InputStream = new MemoryStream(buffer, 0, length, writable: false),
        }), CancellationToken.None).ConfigureAwait(false);
        return key;
    }

    /// <summary>Reads <paramref name="length"/> bytes of object <paramref name="key"/> from <paramref name="offset"/> into the buffer.</summary>
    private async Task ReadIntoAsync(string key, long offset, byte[] buffer, int at, int length, CancellationToken cancellation)
    {
        if (length == 0)
        {
            return;
        }
        using var response = await _s3.CallAsync("read back", c => c.GetObjectAsync(new GetObjectRequest
        {
            BucketName = _s3.Bucket,
            Key = key,
            ByteRange = new ByteRange(offset, offset + length - 1),
        }, cancellation), cancellation).ConfigureAwait(false);
        await response.ResponseStream.ReadExactlyAsync(buffer.AsMemory(at, length), cancellation).ConfigureAwait(false);
    }

    private async Task DeleteObjectAsync(string key) =>
        await _s3.FindAsync("delete", c => c.DeleteObjectAsync(_s3.Bucket, key), CancellationToken.None).ConfigureAwait(false);

    /// <summary>
    /// Makes a complete upload's bytes one object, <c>ID.data</c>: completes the multipart upload with the recorded parts (a
    /// remaining tail becomes the last part by a server-side copy), or, when no part was ever sent, copies the tail (or writes
    /// an empty object). Recorded before returning.
    /// </summary>
    private async Task JoinAsync(S3UploadEntry entry)
    {
        var record = entry.Record;
        if (record.Joined)
        {
            return;
        }
        var id = record.Info.Id;
        var data = _s3.Keys.Data(id);
        if (record.MultipartId is null)
        {
            if (record.TailKey is { } tail)
            {
                await _s3.CallAsync("join", c => c.CopyObjectAsync(_s3.Bucket, tail, _s3.Bucket, data), CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await _s3.CallAsync("join", c => c.PutObjectAsync(new PutObjectRequest { BucketName = _s3.Bucket, Key = data, ContentBody = "" }),
                    CancellationToken.None).ConfigureAwait(false);
            }
        }
        else
        {
            var parts = record.Parts.ToList();
            if (record.TailKey is { } tail)
            {
                parts.Add(await CopyPartAsync(entry, parts.Count + 1, tail, 0, record.TailLength).ConfigureAwait(false));
            }
            var multipart = record.MultipartId;
            await _s3.CallAsync("join", c => c.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = _s3.Bucket,
                Key = data,
                UploadId = multipart,
                PartETags = parts.Select(p => new PartETag(p.Number, p.ETag)).ToList(),
            }), CancellationToken.None).ConfigureAwait(false);
        }
        await SaveAsync(entry, record with { Joined = true, MultipartId = null, Parts = [], TailKey = null, TailLength = 0 }).ConfigureAwait(false);
        if (record.TailKey is { } old)
        {
            await DeleteObjectAsync(old).ConfigureAwait(false);
        }
    }

    /// <summary>The SHA-256 of a complete upload: the running digest when it covers every byte, else one pass over the joined
    /// object in S3 (after a restart or a discarded chunk broke the running hash).</summary>
    private async Task<byte[]> CompletedDigestAsync(S3UploadEntry entry, CancellationToken cancellation)
    {
        await JoinAsync(entry).ConfigureAwait(false);
        if (entry.CompletedSha256 is null)
        {
            if (entry.Digest is { } digest && entry.DigestOffset == entry.Info.Offset)
            {
                entry.CompletedSha256 = digest.GetHashAndReset();
            }
            else
            {
                using var response = await _s3.CallAsync("hash", c => c.GetObjectAsync(_s3.Bucket, _s3.Keys.Data(entry.Info.Id), cancellation), cancellation)
                    .ConfigureAwait(false);
                entry.CompletedSha256 = await SHA256.HashDataAsync(response.ResponseStream, cancellation).ConfigureAwait(false);
            }
            entry.DropDigest();
            Remember(entry);
        }
        return entry.CompletedSha256;
    }
}
