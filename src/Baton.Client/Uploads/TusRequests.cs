using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Baton.Client.Downloads;
using Baton.Client.Transfers;
using Baton.Protocol.Digests;
using Baton.Protocol.Fields;
using Baton.Protocol.Tus;

namespace Baton.Client.Uploads;

/// <summary>The single tus 1.0 requests: creation POST (optionally with the first chunk), HEAD for the offset, PATCH of one chunk.</summary>
/// <remarks>With a <paramref name="digest"/>, every body's bytes extend the file's running SHA-256 as they are sent.</remarks>
internal sealed class TusRequests(HttpClient http, string filePath, TokenBucket? bucket, TimeSpan stallTimeout, UploadDigest? digest = null)
    : IUploadRequests
{
    private const string OffsetOctetStream = TusHeaders.OffsetOctetStream;
    private readonly UploadRequestSender _sender = new(http, stallTimeout);

    /// <summary>
    /// Creates an upload (tus "creation"). With <paramref name="firstChunk"/> &gt; 0 the body carries that many bytes from
    /// <paramref name="fileOffset"/> ("creation-with-upload"). Returns the upload URL and the offset the server accepted.
    /// </summary>
    public async Task<(Uri Url, long Offset)> CreateAsync(Uri endpoint, long? length, UploadMetadata metadata, string? concat,
        long fileOffset, long firstChunk, Action<int> sent, CancellationToken cancellationToken)
    {
        using var request = CreationRequest(endpoint, length, metadata);
        if (concat is not null)
        {
            request.Headers.TryAddWithoutValidation(TusHeaders.UploadConcat, concat);
        }
        using var stall = _sender.Stall(cancellationToken);
        request.Content = firstChunk > 0
            ? Body(fileOffset, firstChunk, n =>
            {
                stall.CancelAfter(stallTimeout);
                sent(n);
            })
            : new ByteArrayContent([]);
        using var response = await _sender.SendAsync(request, stall, cancellationToken);
        var url = await CreatedUrlAsync(endpoint, response, cancellationToken);
        var offset = firstChunk > 0 && TryOffset(response, out var o) ? o : 0;
        return (url, offset);
    }

    public async Task<DigestCreation> CreateWithDigestAsync(Uri endpoint, long length, UploadMetadata metadata, string reprDigest,
        CancellationToken cancellationToken)
    {
        using var request = CreationRequest(endpoint, length, metadata);
        request.Headers.TryAddWithoutValidation(ReprDigest.HeaderName, reprDigest);
        request.Content = new ByteArrayContent([]);
        using var stall = _sender.Stall(cancellationToken);
        using var response = await _sender.SendAsync(request, stall, cancellationToken);
        var url = await CreatedUrlAsync(endpoint, response, cancellationToken);
        return new DigestCreation(url, TryOffset(response, out var offset) && offset == length ? offset : 0,
            RemoteProbe.HeaderValue(response, BatonFieldNames.ProofChallenge));
    }

    public async Task<long> ProveAsync(Uri upload, string proof, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, upload);
        request.Headers.Add(TusHeaders.Resumable, TusHeaders.Version);
        request.Headers.TryAddWithoutValidation(BatonFieldNames.Proof, proof);
        request.Content = new ByteArrayContent([]);
        using var stall = _sender.Stall(cancellationToken);
        using var response = await _sender.SendAsync(request, stall, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await RemoteProbe.StatusFailureAsync(upload, response, cancellationToken);
        }
        return TryOffset(response, out var offset) ? offset
            : throw new TransferException(TransferFailure.Protocol, $"{upload}: proof answered without a valid Upload-Offset");
    }

    public async Task TerminateAsync(Uri upload, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, upload);
        request.Headers.Add(TusHeaders.Resumable, TusHeaders.Version);
        try
        {
            using var stall = _sender.Stall(cancellationToken);
            using var response = await _sender.SendAsync(request, stall, cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutException)
        {
            // Unused uploads expire on the server anyway (tus expiration).
        }
    }

    private static HttpRequestMessage CreationRequest(Uri endpoint, long? length, UploadMetadata metadata)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.Add(TusHeaders.Resumable, TusHeaders.Version);
        if (length is { } l)
        {
            // A final concatenation takes its length from the parts and must not state one (tus §Concatenation).
            request.Headers.TryAddWithoutValidation(TusHeaders.UploadLength, l.ToString(CultureInfo.InvariantCulture));
        }
        if (metadata.Count > 0)
        {
            request.Headers.TryAddWithoutValidation(UploadMetadata.HeaderName, metadata.ToString());
        }
        return request;
    }

    private static async Task<Uri> CreatedUrlAsync(Uri endpoint, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.StatusCode != HttpStatusCode.Created || response.Headers.Location is null)
        {
            throw await RemoteProbe.StatusFailureAsync(endpoint, response, cancellationToken);
        }
        return new Uri(endpoint, response.Headers.Location);
    }

    /// <summary>HEAD: the server's offset for an upload (tus §HEAD). Null when the upload no longer exists (404/410/403).</summary>
    public async Task<long?> HeadOffsetAsync(Uri upload, long expectedLength, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, upload);
        request.Headers.Add(TusHeaders.Resumable, TusHeaders.Version);
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
        if (RemoteProbe.HeaderValue(response, TusHeaders.UploadLength) is { } l && long.TryParse(l, out var length) && length != expectedLength)
        {
            // Another upload's URL (or a corrupted state file): never append to it.
            return null;
        }
        return offset;
    }

    /// <summary>PATCH of <paramref name="count"/> bytes at <paramref name="offset"/>; returns the server's new offset.</summary>
    public async Task<long> PatchAsync(Uri upload, long offset, long fileOffset, long count, string? checksumAlgorithm, Action<int> sent,
        CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, upload);
        request.Headers.Add(TusHeaders.Resumable, TusHeaders.Version);
        request.Headers.TryAddWithoutValidation(TusHeaders.UploadOffset, offset.ToString(CultureInfo.InvariantCulture));
        if (checksumAlgorithm is not null)
        {
            var digest = await ChecksumAsync(checksumAlgorithm, fileOffset, count, cancellationToken);
            request.Headers.TryAddWithoutValidation(TusHeaders.UploadChecksum, $"{checksumAlgorithm} {Convert.ToBase64String(digest)}");
        }
        using var stall = _sender.Stall(cancellationToken);
        request.Content = Body(fileOffset, count, n =>
        {
            stall.CancelAfter(stallTimeout);
            sent(n);
        });
        using (var response = await _sender.SendAsync(request, stall, cancellationToken))
        {
            // 460 Checksum Mismatch (tus checksum extension): the bytes were damaged on the way; sending them again is the fix.
            if ((int)response.StatusCode == 460)
            {
                throw new TransientHttpException($"{upload}: chunk checksum mismatch", 460);
            }
            if (response.StatusCode == HttpStatusCode.Conflict)
            {
                throw new TransientHttpException($"{upload}: offset conflict, asking the server for its offset", 409);
            }
            if (response.StatusCode != HttpStatusCode.NoContent && !response.IsSuccessStatusCode)
            {
                throw await RemoteProbe.StatusFailureAsync(upload, response, cancellationToken);
            }
            if (!TryOffset(response, out var newOffset) || newOffset < offset || newOffset > offset + count)
            {
                throw new TransferException(TransferFailure.Protocol, $"{upload}: PATCH answered without a plausible Upload-Offset");
            }
            return newOffset;
        }
    }

    /// <summary>The download URL a server gave for the uploaded file (Baton-File-Url, else Content-Location), if any.</summary>
    public Uri? FileLocation => _sender.FileLocation;


    private FileSliceContent Body(long fileOffset, long count, Action<int> sent)
    {
        var content = new FileSliceContent(filePath, fileOffset, count, bucket, digest, sent);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(OffsetOctetStream);
        return content;
    }


    private async Task<byte[]> ChecksumAsync(string algorithm, long fileOffset, long count, CancellationToken cancellationToken)
    {
        var name = algorithm.ToLowerInvariant() switch
        {
            "sha256" => HashAlgorithmName.SHA256,
            "sha1" => HashAlgorithmName.SHA1,
            _ => HashAlgorithmName.MD5,
        };
        using var hash = IncrementalHash.CreateHash(name);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 20);
        try
        {
            using var file = File.OpenHandle(filePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            for (long done = 0; done < count;)
            {
                var n = await RandomAccess.ReadAsync(file, buffer.AsMemory(0, (int)Math.Min(buffer.Length, count - done)), fileOffset + done, cancellationToken);
                if (n == 0)
                {
                    throw new TransferException(TransferFailure.LocalIo, $"{filePath} became shorter while uploading");
                }
                hash.AppendData(buffer, 0, n);
                done += n;
            }
            return hash.GetHashAndReset();
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool TryOffset(HttpResponseMessage response, out long offset) =>
        long.TryParse(RemoteProbe.HeaderValue(response, TusHeaders.UploadOffset), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
}
