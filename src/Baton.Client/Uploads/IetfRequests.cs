using System.Globalization;
using System.Net;
using Baton.Client.Downloads;
using Baton.Client.Transfers;
using Baton.Protocol.Disposition;
using Baton.Protocol.Tus;
using Baton.Protocol.Uploads;

namespace Baton.Client.Uploads;

/// <summary>
/// The requests of IETF Resumable Uploads for HTTP (draft-ietf-httpbis-resumable-upload, interop versions 6–9; the field names and
/// types are the same in all of them, Baton.Protocol's <see cref="ResumableUploadHeaders"/>). Creation is always "careful"
/// (§Upload Creation: no content, <c>Upload-Complete: ?0</c>, <c>Upload-Length</c>), so the upload URL is known before any byte
/// is sent and everything after it can be resumed; the bytes then go in appends (<c>PATCH</c>, <c>application/partial-upload</c>).
/// The protocol has no concatenation and no per-request checksum: one upload, verified end to end where the server allows it.
/// </summary>
internal sealed class IetfRequests(HttpClient http, string filePath, long size, int interopVersion, TokenBucket? bucket,
    TimeSpan stallTimeout, UploadDigest? digest = null) : IUploadRequests
{
    private readonly UploadRequestSender _sender = new(http, stallTimeout);

    public Uri? FileLocation => _sender.FileLocation;

    public async Task<(Uri Url, long Offset)> CreateAsync(Uri endpoint, long? length, UploadMetadata metadata, string? concat,
        long fileOffset, long firstChunk, Action<int> sent, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, endpoint);
        request.Headers.TryAddWithoutValidation(ResumableUploadHeaders.UploadComplete, ResumableUploadHeaders.FormatBoolean(false));
        request.Headers.TryAddWithoutValidation(ResumableUploadHeaders.UploadLength, (length ?? size).ToString(CultureInfo.InvariantCulture));
        request.Content = new ByteArrayContent([]);
        if (metadata.Count > 0)
        {
            // Baton (and tus-js-client's IETF modes) take the name from Content-Disposition, else tus-style Upload-Metadata.
            request.Headers.TryAddWithoutValidation(UploadMetadata.HeaderName, metadata.ToString());
        }
        if (System.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(ContentDisposition.Attachment(FileName(metadata)), out var disposition))
        {
            request.Content.Headers.ContentDisposition = disposition;
        }
        using var stall = _sender.Stall(cancellationToken);
        using var response = await _sender.SendAsync(request, stall, cancellationToken);
        if (!response.IsSuccessStatusCode || response.Headers.Location is null)
        {
            throw await RemoteProbe.StatusFailureAsync(endpoint, response, cancellationToken);
        }
        return (new Uri(endpoint, response.Headers.Location), TryOffset(response, out var offset) ? offset : 0);
    }

    public async Task<long?> HeadOffsetAsync(Uri upload, long expectedLength, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Head, upload);
        using var stall = _sender.Stall(cancellationToken);
        using var response = await _sender.SendAsync(request, stall, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.Forbidden)
        {
            return null;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw await RemoteProbe.StatusFailureAsync(upload, response, cancellationToken);
        }
        if (!TryOffset(response, out var offset))
        {
            throw new TransferException(TransferFailure.Protocol, $"{upload}: HEAD without a valid Upload-Offset");
        }
        if (ResumableUploadHeaders.TryParseNonNegative(RemoteProbe.HeaderValue(response, ResumableUploadHeaders.UploadLength), out var known)
            && known != expectedLength)
        {
            return null;
        }
        return offset;
    }

    public async Task<long> PatchAsync(Uri upload, long offset, long fileOffset, long count, string? checksumAlgorithm, Action<int> sent,
        CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Patch, upload);
        request.Headers.TryAddWithoutValidation(ResumableUploadHeaders.UploadOffset, offset.ToString(CultureInfo.InvariantCulture));
        // §Upload Append: Upload-Complete: ?1 on the append that carries the last byte.
        request.Headers.TryAddWithoutValidation(ResumableUploadHeaders.UploadComplete, ResumableUploadHeaders.FormatBoolean(offset + count == size));
        using var stall = _sender.Stall(cancellationToken);
        request.Content = new FileSliceContent(filePath, fileOffset, count, bucket, digest, n =>
        {
            stall.CancelAfter(stallTimeout);
            sent(n);
        });
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(ResumableUploadHeaders.PartialUpload);
        using var response = await _sender.SendAsync(request, stall, cancellationToken);
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            throw new TransientHttpException($"{upload}: offset conflict, asking the server for its offset", 409);
        }
        if (!response.IsSuccessStatusCode)
        {
            throw await RemoteProbe.StatusFailureAsync(upload, response, cancellationToken);
        }
        // A 2xx append took all its content; the response need not repeat the offset (the completing one is the target
        // resource's answer).
        var newOffset = TryOffset(response, out var o) ? o : offset + count;
        if (newOffset < offset || newOffset > offset + count)
        {
            throw new TransferException(TransferFailure.Protocol, $"{upload}: append answered with an implausible Upload-Offset {newOffset}");
        }
        return newOffset;
    }

    /// <summary>The name to store the file under: the <c>filename</c> metadata (defaults to the local name), else the local name.</summary>
    private string FileName(UploadMetadata metadata) =>
        metadata.GetString("filename") is { Length: > 0 } name ? name : Path.GetFileName(filePath);

    private HttpRequestMessage Request(HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation(ResumableUploadHeaders.DraftInteropVersion, interopVersion.ToString(CultureInfo.InvariantCulture));
        return request;
    }



    private static bool TryOffset(HttpResponseMessage response, out long offset) =>
        ResumableUploadHeaders.TryParseNonNegative(RemoteProbe.HeaderValue(response, ResumableUploadHeaders.UploadOffset), out offset);
}
