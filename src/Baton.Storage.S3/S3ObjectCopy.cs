using Amazon.S3;
using Amazon.S3.Model;

namespace Baton.Storage.S3;

/// <summary>
/// Server-side copies: one <c>CopyObject</c> up to 5 GiB (its limit), a multipart copy (<c>UploadPartCopy</c> of 1 GiB ranges)
/// beyond. Placing an upload gives the copy new metadata; moving a file keeps the source's (owner, SHA-256, media type).
/// </summary>
internal sealed class S3ObjectCopy(S3Connection s3, long singleCopyLimit = S3ObjectCopy.SingleCopyLimit, long partSize = S3ObjectCopy.PartSize)
{
    /// <summary>The largest object one <c>CopyObject</c> may copy.</summary>
    public const long SingleCopyLimit = 5L * 1024 * 1024 * 1024;

    public const long PartSize = 1L * 1024 * 1024 * 1024;

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> with <paramref name="metadata"/> instead of the source's.</summary>
    public async Task CopyAsync(string source, string target, long length, IReadOnlyDictionary<string, string> metadata)
    {
        if (length <= singleCopyLimit)
        {
            var copy = new CopyObjectRequest
            {
                SourceBucket = s3.Bucket,
                SourceKey = source,
                DestinationBucket = s3.Bucket,
                DestinationKey = target,
                MetadataDirective = S3MetadataDirective.REPLACE,
            };
            foreach (var (key, value) in metadata)
            {
                copy.Metadata.Add(key, value);
            }
            await s3.CallAsync("place", c => c.CopyObjectAsync(copy), CancellationToken.None).ConfigureAwait(false);
            return;
        }
        var start = new InitiateMultipartUploadRequest { BucketName = s3.Bucket, Key = target };
        foreach (var (key, value) in metadata)
        {
            start.Metadata.Add(key, value);
        }
        await CopyInPartsAsync("place", start, source, length, sourceETag: null, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies <paramref name="source"/> to <paramref name="target"/> keeping its metadata and media type (a move). One
    /// <c>CopyObject</c> copies one version whole; the parts of a larger copy are each conditioned on the version's ETag, so a
    /// replacement midway fails the copy (412, <see cref="AmazonS3Exception"/>) instead of mixing versions.
    /// </summary>
    public async Task CopyKeepingMetadataAsync(string source, string target, long length, CancellationToken cancellation)
    {
        if (length <= singleCopyLimit)
        {
            await s3.CallAsync("move", c => c.CopyObjectAsync(new CopyObjectRequest
            {
                SourceBucket = s3.Bucket,
                SourceKey = source,
                DestinationBucket = s3.Bucket,
                DestinationKey = target,
                MetadataDirective = S3MetadataDirective.COPY,
            }, cancellation), cancellation).ConfigureAwait(false);
            return;
        }
        // A multipart upload starts with no metadata: it is read from the source and given to the new upload.
        var head = await s3.CallAsync("move", c => c.GetObjectMetadataAsync(s3.Bucket, source, cancellation), cancellation).ConfigureAwait(false);
        var start = new InitiateMultipartUploadRequest { BucketName = s3.Bucket, Key = target, ContentType = head.Headers.ContentType };
        foreach (var key in head.Metadata.Keys)
        {
            start.Metadata.Add(key, head.Metadata[key]);
        }
        await CopyInPartsAsync("move", start, source, head.ContentLength, head.ETag, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Copies exactly the version <paramref name="sourceETag"/> of <paramref name="source"/> to <paramref name="target"/> (no
    /// metadata); false when the source is no longer that version (replaced or deleted meanwhile), the target then removed. The copy
    /// is conditioned on the ETag (<c>x-amz-copy-source-if-match</c>), and because RGW 16 ignores that condition (it reads another
    /// header name) the source is checked again afterwards: a source still at that ETag after the copy was at it during the copy,
    /// unless it was replaced and restored to the same ETag in between — which for an MD5 ETag means the same bytes.
    /// </summary>
    public async Task<bool> CopyVersionAsync(string source, string target, long length, string sourceETag)
    {
        if (!await CopyIfMatchAsync(source, target, length, sourceETag).ConfigureAwait(false))
        {
            return false;
        }
        var after = await s3.FindAsync("adopt", c => c.GetObjectMetadataAsync(s3.Bucket, source, CancellationToken.None), CancellationToken.None)
            .ConfigureAwait(false);
        if (after is not null && after.ETag == sourceETag)
        {
            return true;
        }
        await s3.FindAsync("adopt", c => c.DeleteObjectAsync(s3.Bucket, target, CancellationToken.None), CancellationToken.None).ConfigureAwait(false);
        return false;
    }

    private async Task<bool> CopyIfMatchAsync(string source, string target, long length, string sourceETag)
    {
        try
        {
            if (length <= singleCopyLimit)
            {
                await s3.CallAsync("adopt", c => c.CopyObjectAsync(new CopyObjectRequest
                {
                    SourceBucket = s3.Bucket,
                    SourceKey = source,
                    DestinationBucket = s3.Bucket,
                    DestinationKey = target,
                    ETagToMatch = sourceETag,
                    MetadataDirective = S3MetadataDirective.REPLACE,
                }), CancellationToken.None).ConfigureAwait(false);
                return true;
            }
            await CopyInPartsAsync("adopt", new InitiateMultipartUploadRequest { BucketName = s3.Bucket, Key = target }, source, length,
                sourceETag, CancellationToken.None).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (S3Connection.IsPreconditionFailed(e) || S3Connection.IsNotFound(e))
        {
            return false;
        }
    }

    private async Task CopyInPartsAsync(
        string operation, InitiateMultipartUploadRequest start, string source, long length, string? sourceETag, CancellationToken cancellation)
    {
        var upload = await s3.CallAsync(operation, c => c.InitiateMultipartUploadAsync(start, cancellation), cancellation).ConfigureAwait(false);
        try
        {
            var parts = new List<PartETag>();
            for (long offset = 0, number = 1; offset < length; offset += partSize, number++)
            {
                var (from, n) = (offset, (int)number);
                var part = await s3.CallAsync(operation, c => c.CopyPartAsync(new CopyPartRequest
                {
                    SourceBucket = s3.Bucket,
                    SourceKey = source,
                    DestinationBucket = s3.Bucket,
                    DestinationKey = start.Key,
                    UploadId = upload.UploadId,
                    PartNumber = n,
                    FirstByte = from,
                    LastByte = Math.Min(from + partSize, length) - 1,
                    ETagToMatch = sourceETag is null ? null : [sourceETag],
                }, cancellation), cancellation).ConfigureAwait(false);
                parts.Add(new PartETag(n, part.ETag));
            }
            await s3.CallAsync(operation, c => c.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
            {
                BucketName = s3.Bucket,
                Key = start.Key,
                UploadId = upload.UploadId,
                PartETags = parts,
            }, cancellation), cancellation).ConfigureAwait(false);
        }
        catch
        {
            // The target was never written; the parts copied so far are dropped, not left to be billed.
            try
            {
                await s3.CallAsync(operation, c => c.AbortMultipartUploadAsync(s3.Bucket, start.Key, upload.UploadId, CancellationToken.None),
                    CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is StorageUnavailableException or AmazonS3Exception)
            {
                // The first fault is the one to report; an engine's lifecycle rule ends an upload left incomplete.
            }
            throw;
        }
    }
}
