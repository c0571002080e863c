using Amazon.S3;
using Amazon.S3.Model;

namespace Baton.Storage.S3.Uploads;

/// <summary>Server-side copies with new metadata: one <c>CopyObject</c> up to 5 GiB (its limit), a multipart copy of 1 GiB
/// ranges beyond.</summary>
internal sealed class S3ObjectCopy(S3Connection s3)
{
    private const long SingleCopyLimit = 5L * 1024 * 1024 * 1024;
    private const long CopyPartSize = 1L * 1024 * 1024 * 1024;

    public async Task CopyAsync(string source, string target, long length, IReadOnlyDictionary<string, string> metadata)
    {
        if (length <= SingleCopyLimit)
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
        var upload = await s3.CallAsync("place", c => c.InitiateMultipartUploadAsync(start), CancellationToken.None).ConfigureAwait(false);
        var parts = new List<PartETag>();
        for (long offset = 0, number = 1; offset < length; offset += CopyPartSize, number++)
        {
            var (from, n) = (offset, (int)number);
            var part = await s3.CallAsync("place", c => c.CopyPartAsync(new CopyPartRequest
            {
                SourceBucket = s3.Bucket,
                SourceKey = source,
                DestinationBucket = s3.Bucket,
                DestinationKey = target,
                UploadId = upload.UploadId,
                PartNumber = n,
                FirstByte = from,
                LastByte = Math.Min(from + CopyPartSize, length) - 1,
            }), CancellationToken.None).ConfigureAwait(false);
            parts.Add(new PartETag(n, part.ETag));
        }
        await s3.CallAsync("place", c => c.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = s3.Bucket,
            Key = target,
            UploadId = upload.UploadId,
            PartETags = parts,
        }), CancellationToken.None).ConfigureAwait(false);
    }
}
