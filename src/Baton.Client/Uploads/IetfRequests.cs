using System.Globalization;
using System.Net;
using Baton.Client.Downloads;
using Baton.Client.Transfers;
using Baton.Protocol.Digests;
using Baton.Protocol.Disposition;
using Baton.Protocol.Fields;
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
        var created = await CreateAsync(endpoint, length ?? size, metadata, null, cancellationToken);
        return (created.Url, created.Offset);
    }

    public Task<DigestCreation> CreateWithDigestAsync(Uri endpoint, long length, UploadMetadata metadata, string reprDigest,
        CancellationToken cancellationToken) => CreateAsync(endpoint, length, metadata, reprDigest, cancellationToken);

    public async Task<long> ProveAsync(Uri upload, string proof, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, upload);
        request.Headers.TryAddWithoutValidation(BatonFieldNames.Proof, proof);
        request.Content = new ByteArrayContent([]);
        using var stall = _sender.Stall(cancellationToken);
        using var response = await _sender.SendAsync(request, stall, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await RemoteProbe.StatusFailureAsync(upload, response, cancellationToken);
        }
        return TryOffset(response, out var offset) ? offset
            : Complete(response) ? size
            : throw new TransferException(TransferFailure.Protocol, $"{upload}: proof answered without a valid Upload-Offset");
    }

    public async Task TerminateAsync(Uri upload, CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Delete, upload);
        try
        {
            using var stall = _sender.Stall(cancellationToken);
            using var response = await _sender.SendAsync(request, stall, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            // An unused upload expires on the server anyway.
        }
    }

    /// <summary>
    /// A careful creation (§Upload Creation: no content, <c>Upload-Complete: ?0</c>, the length), with a <c>Repr-Digest</c> for a
    /// digest-first one. A server that already has the content answers <c>Upload-Complete: ?1</c> with the full offset (the
    /// editor's copy lets the offset exceed what the client sent when the resource "obtained additional representation data").
    /// </summary>
    private async Task<DigestCreation> CreateAsync(Uri endpoint, long length, UploadMetadata metadata, string? reprDigest,
        CancellationToken cancellationToken)
    {
        using var request = Request(HttpMethod.Post, endpoint);
        request.Headers.TryAddWithoutValidation(ResumableUploadHeaders.UploadComplete, ResumableUploadHeaders.FormatBoolean(false));
        request.Headers.TryAddWithoutValidation(ResumableUploadHeaders.UploadLength, length.ToString(CultureInfo.InvariantCulture));
        if (reprDigest is not null)
        {
            request.Headers.TryAddWithoutValidation(ReprDigest.HeaderName, reprDigest);
        }
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
        var known = TryOffset(response, out var offset);
        if (reprDigest is not null)
        {
            // Only the whole content counts as "already there"; anything else is an ordinary creation.
            offset = offset == length || (!known && Complete(response)) ? length : 0;
        }
        return new DigestCreation(new Uri(endpoint, response.Headers.Location), offset,
            RemoteProbe.HeaderValue(response, BatonFieldNames.ProofChallenge));
    }

    private static bool Complete(HttpResponseMessage response) =>
        ResumableUploadHeaders.TryParseBoolean(RemoteProbe.HeaderValue(response, ResumableUploadHeaders.UploadComplete), out var complete) && complete;

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
