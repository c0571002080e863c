using Amazon.S3;
using Amazon.S3.Model;
using Baton.Storage.Files;

namespace Baton.Storage.S3.Files;

/// <summary>
/// One opened object version. Every read is a ranged <c>GetObject</c> with <c>If-Match</c> on the opened ETag (RFC 9110
/// §13.1.1), so bytes of a replacement never mix into a response that described the old version: S3 answers 412 and the
/// reader throws <see cref="FileChangedException"/>.
/// </summary>
internal sealed class S3FileReader(S3Connection s3, string key, FileVersion version) : IFileReader
{
    public FileVersion Version => version;

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellation)
    {
        var count = (int)Math.Min(destination.Length, Math.Max(0, version.Length - offset));
        if (count == 0)
        {
            return 0;
        }
        await using var body = await OpenAsync(offset, count, cancellation).ConfigureAwait(false);
        var total = 0;
        while (total < count)
        {
            var read = await body.ReadAsync(destination[total..count], cancellation).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }

    public Stream OpenRange(long offset, long length) => new S3RangeStream(this, offset, length);

    public async ValueTask<FileVersion> CurrentVersionAsync(CancellationToken cancellation)
    {
        var head = await s3.FindAsync("stat", c => c.GetObjectMetadataAsync(s3.Bucket, key, cancellation), cancellation).ConfigureAwait(false);
        // Gone counts as changed: a version that cannot match the opened one.
        return head is null ? version with { Length = 0, ETag = S3Versions.Tag("") } : S3Versions.Of(head);
    }

    /// <summary>The response body of <paramref name="length"/> bytes from <paramref name="offset"/> of the opened version.</summary>
    internal async Task<Stream> OpenAsync(long offset, long length, CancellationToken cancellation)
    {
        try
        {
            var response = await s3.CallAsync("read", c => c.GetObjectAsync(new GetObjectRequest
            {
                BucketName = s3.Bucket,
                Key = key,
                ByteRange = new ByteRange(offset, offset + length - 1),
                EtagToMatch = S3Versions.S3ETag(version),
            }, cancellation), cancellation).ConfigureAwait(false);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when (S3Connection.IsPreconditionFailed(e) || S3Connection.IsNotFound(e))
        {
            throw new FileChangedException("the object was replaced or removed while it was being read");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
