using Amazon.S3;
using Amazon.S3.Model;
using Baton.Storage.Files;

namespace Baton.Storage.S3.Files;

/// <summary>
/// One opened object version. Every read is a ranged <c>GetObject</c> with <c>If-Match</c> on the opened ETag (RFC 9110
/// §13.1.1), so bytes of a replacement never mix into a response that described the old version: S3 answers 412 and the
/// reader throws <see cref="FileChangedException"/>.
/// Positional reads are served from one streaming GET while they are sequential: the first covers 1 MiB (a typical random range,
/// read to its end so the connection is reused), each following one twice as much up to 64 MiB — a 1 GiB download is about twenty
/// GETs, not one per 64 KiB piece the response asks for.
/// </summary>
internal sealed class S3FileReader(S3Connection s3, string key, FileVersion version) : IFileReader
{
    private const long FirstWindow = 1024 * 1024;
    private const long LargestWindow = 64 * 1024 * 1024;

    private Stream? _body;
    private long _bodyPosition;
    private long _bodyEnd;
    private long _window = FirstWindow;

    /// <summary>A reader whose first read is already under way: <paramref name="body"/> holds the version's bytes from
    /// <paramref name="offset"/> to <paramref name="end"/> (exclusive), from the GET that also told the version.</summary>
    public S3FileReader(S3Connection s3, string key, FileVersion version, Stream body, long offset, long end)
        : this(s3, key, version)
    {
        _body = body;
        _bodyPosition = offset;
        _bodyEnd = end;
        _window = Math.Max(FirstWindow, end - offset);
    }

    public FileVersion Version => version;

    public async ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellation)
    {
        var count = (int)Math.Min(destination.Length, Math.Max(0, version.Length - offset));
        if (count == 0)
        {
            return 0;
        }
        if (_body is null || _bodyPosition != offset || _bodyPosition >= _bodyEnd)
        {
            var sequential = _body is not null && _bodyPosition == offset;
            await CloseBodyAsync().ConfigureAwait(false);
            _window = sequential ? Math.Min(_window * 2, LargestWindow) : FirstWindow;
            _bodyEnd = Math.Min(version.Length, offset + _window);
            _body = await OpenAsync(offset, _bodyEnd - offset, cancellation).ConfigureAwait(false);
            _bodyPosition = offset;
        }
        var read = await _body.ReadAsync(destination[..(int)Math.Min(count, _bodyEnd - _bodyPosition)], cancellation).ConfigureAwait(false);
        if (read == 0)
        {
            // S3 ended the body before the range it promised: treat as a changed object rather than a short file.
            await CloseBodyAsync().ConfigureAwait(false);
            throw new FileChangedException("the object's body ended early");
        }
        _bodyPosition += read;
        return read;
    }

    private async ValueTask CloseBodyAsync()
    {
        if (_body is not null)
        {
            await _body.DisposeAsync().ConfigureAwait(false);
            _body = null;
        }
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

    public ValueTask DisposeAsync() => CloseBodyAsync();
}
