using Baton.Protocol.Digests;
using Baton.Protocol.Problems;
using Baton.Protocol.Uploads;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Uploads.Ietf;

/// <summary>Reading the draft's request fields: Upload-Complete (required), Upload-Length and the length implied by
/// <c>Upload-Complete: ?1</c> with a Content-Length (§4.3), which must all agree.</summary>
public static class IetfRequest
{
    /// <summary>RFC 9530 <c>Repr-Digest</c>: the sha-256 member, or null (other algorithms and invalid fields are ignored, §2).</summary>
    public static byte[]? ExpectedSha256(HttpRequest request) =>
        ReprDigest.TryParse(request.Headers[ReprDigest.HeaderName].ToString() is { Length: > 0 } field ? field : null, out var values)
            ? values.FirstOrDefault(v => v.Algorithm == DigestValue.Sha256 && v.Value.Length == 32)?.Value
            : null;

    public static bool TryReadComplete(HttpRequest request, out bool complete) =>
        ResumableUploadHeaders.TryParseBoolean(request.Headers[ResumableUploadHeaders.UploadComplete].ToString(), out complete);

    /// <summary>The length indicated by this request (null if none); false with an error when indications disagree.</summary>
    public static bool TryReadLength(HttpRequest request, long offset, bool complete, long? known, out long? length, out ProtocolError? error)
    {
        error = null;
        length = null;
        var header = request.Headers[ResumableUploadHeaders.UploadLength].ToString();
        // §4.3: a value that is not a non-negative sf-integer makes the field ignored.
        if (header.Length > 0 && ResumableUploadHeaders.TryParseNonNegative(header, out var declared))
        {
            length = declared;
        }
        if (complete && request.ContentLength is long contentLength)
        {
            var implied = offset + contentLength;
            if (length is not null && length != implied)
            {
                error = ProtocolErrors.InconsistentUploadLength.WithDetail($"Upload-Length says {length} but the content ends at {implied}.");
                return false;
            }
            length = implied;
        }
        if (known is not null && length is not null && known != length)
        {
            error = ProtocolErrors.InconsistentUploadLength.WithDetail($"The upload's length is {known}; this request indicates {length}.");
            return false;
        }
        return true;
    }
}
