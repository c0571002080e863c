using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Server.Uploads.Checksums;
using Baton.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Baton.Server.Uploads.Tus;

/// <summary>Reading the tus request headers shared by creation and PATCH.</summary>
public static class TusRequest
{
    /// <summary>tus §Tus-Resumable: the client's version must be one we speak (we answer 412 with Tus-Version otherwise).</summary>
    public static bool HasSupportedVersion(HttpRequest request) =>
        request.Headers[TusHeaders.Resumable].ToString().Trim() == TusHeaders.Version;

    /// <summary>tus §PATCH / creation-with-upload: the body's media type.</summary>
    public static bool IsOffsetOctetStream(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals(TusHeaders.OffsetOctetStream, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The chunk verifier for tus checksum / checksum-trailer, or an error. A trailer is used only when the request announces
    /// it (<c>Trailer: Upload-Checksum</c>, RFC 9110 §6.6.2), so plain requests keep "store what arrived" semantics.
    /// </summary>
    public static bool TryGetVerifier(HttpRequest request, out ChunkVerifier? verifier, out ProtocolError? error)
    {
        verifier = null;
        error = null;
        var header = request.Headers[TusHeaders.UploadChecksum].ToString();
        if (header.Length > 0)
        {
            verifier = Parse(header, out error);
            return error is null;
        }
        var announced = request.Headers["Trailer"].ToString();
        if (announced.Contains(TusHeaders.UploadChecksum, StringComparison.OrdinalIgnoreCase) && request.SupportsTrailers())
        {
            verifier = async (chunk, cancellation) =>
            {
                var trailer = request.CheckTrailersAvailable() ? request.GetTrailer(TusHeaders.UploadChecksum).ToString() : "";
                if (trailer.Length == 0)
                {
                    return null;
                }
                var inner = Parse(trailer, out var trailerError);
                return inner is null ? trailerError : await inner(chunk, cancellation).ConfigureAwait(false);
            };
        }
        return true;
    }

    private static ChunkVerifier? Parse(string value, out ProtocolError? error)
    {
        error = null;
        if (!UploadChecksum.TryParse(value, out var checksum))
        {
            error = ProtocolErrors.InvalidChecksum;
            return null;
        }
        if (!UploadChecksum.IsSupported(checksum.Algorithm))
        {
            error = ProtocolErrors.ChecksumAlgorithmUnsupported.WithDetail(
                $"'{checksum.Algorithm}' is not one of {string.Join(", ", UploadChecksum.Supported)}.");
            return null;
        }
        return ChunkChecksums.Verifier(checksum);
    }
}
