using System.Globalization;
using Amazon.S3;
using Amazon.S3.Model;
using Baton.Protocol.Downloads;
using Baton.Protocol.Paths;
using Baton.Protocol.Ranges;
using Baton.Storage.Files;

namespace Baton.Storage.S3.Files;

/// <summary>
/// One <c>GetObject</c> instead of <c>HeadObject</c> + <c>GetObject</c> per download: the answer's ETag, Last-Modified, length
/// (from <c>Content-Range</c>) and metadata are the version, its body the first bytes. Measured reason: every random 1 MiB range
/// cost two engine round trips, and the engine's CPU is what the ranges case is bound by (docs/benchmarks.md, s3).
/// </summary>
public sealed partial class S3FileSource : IFileReadAhead
{
    public async ValueTask<IFileReader?> OpenAsync(RelativePath name, ReadAhead ahead, CancellationToken cancellation)
    {
        if (name.IsRoot || IsState(name))
        {
            return null;
        }
        var key = _s3.Keys.File(name);
        if (ahead.Length == 0)
        {
            return await OpenAsync(name, cancellation).ConfigureAwait(false);
        }
        // Always a ranged GET, "bytes=0-" for the whole object: on a full-object GET the SDK checks the body against a checksum
        // as it streams (measured: a 1 GiB download fell from 0.74× to 0.34× of the engine's own rate); a ranged one is not
        // checked, and the bytes are checked end to end anyway (Repr-Digest, the client's verification).
        var last = ahead.Length is long length ? (ahead.Offset + length - 1).ToString(CultureInfo.InvariantCulture) : "";
        var request = new GetObjectRequest
        {
            BucketName = _s3.Bucket,
            Key = key,
            ByteRange = new Amazon.S3.Model.ByteRange($"bytes={ahead.Offset.ToString(CultureInfo.InvariantCulture)}-{last}"),
        };
        GetObjectResponse? response;
        try
        {
            response = await _s3.FindAsync("read", s3 => s3.GetObjectAsync(request, cancellation), cancellation).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            // Past the end: the planner answers 416 from the stat.
            return await OpenAsync(name, cancellation).ConfigureAwait(false);
        }
        if (response is null)
        {
            return null;
        }
        var total = TotalLength(response);
        var version = new FileVersion(total, S3Versions.Time(response.LastModified), S3Versions.Tag(response.ETag));
        if (S3Versions.Sha256(response.Metadata) is { } sha256)
        {
            _digests.Store(name.ToString(), version, sha256);
        }
        return new S3FileReader(_s3, key, version, response.ResponseStream, ahead.Offset, ahead.Offset + response.ContentLength);
    }

    /// <summary>The object's length: from <c>Content-Range: bytes a-b/LENGTH</c> on a ranged answer, else the body's length.</summary>
    private static long TotalLength(GetObjectResponse response) =>
        response.ContentRange is { } range && ContentRange.TryParse(range, out var parsed) && parsed.CompleteLength is long complete
            ? complete
            : response.ContentLength;
}
