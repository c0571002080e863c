using Baton.Protocol.Fields;
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
            if (!ChunkChecksums.TryParse(header, out var checksum, out error))
            {
                return false;
            }
            verifier = ChunkChecksums.Verifier(checksum);
            return true;
        }
        var announced = request.Headers[BatonFieldNames.Trailer].ToString();
        if (announced.Contains(TusHeaders.UploadChecksum, StringComparison.OrdinalIgnoreCase) && request.SupportsTrailers())
        {
            verifier = ChunkChecksums.TrailerVerifier(() =>
                request.CheckTrailersAvailable() ? request.GetTrailer(TusHeaders.UploadChecksum).ToString() : "");
        }
        return true;
    }
}
