using Baton.Protocol.Digests;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Protocol.Uploads;
using Baton.Protocol.Uploads.Dialects;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Uploads.Ietf;

/// <summary>Reading the drafts' request fields: Upload-Complete (required), Upload-Offset, and the length indicated by
/// Upload-Length or by <c>Upload-Complete: ?1</c> with a Content-Length ("Length"), which must all agree.</summary>
public static class IetfRequest
{
    /// <summary>An IETF-shaped request: no <c>Tus-Resumable</c>, and the draft's <c>Upload-Complete</c> or interop version field.</summary>
    public static bool IsIetf(HttpRequest request) =>
        !request.Headers.ContainsKey(TusHeaders.Resumable)
        && (request.Headers.ContainsKey(ResumableUploadHeaders.UploadComplete) || request.Headers.ContainsKey(ResumableUploadHeaders.DraftInteropVersion));

    /// <summary>RFC 9530 <c>Repr-Digest</c>: the sha-256 member, or null (other algorithms and invalid fields are ignored, §2).</summary>
    public static byte[]? ExpectedSha256(HttpRequest request) =>
        ReprDigest.TryParse(request.Headers[ReprDigest.HeaderName].ToString() is { Length: > 0 } field ? field : null, out var values)
            ? values.FirstOrDefault(v => v.Algorithm == DigestValue.Sha256 && v.Value.Length == 32)?.Value
            : null;

    /// <summary>Upload-Complete, required on creation and append; null with the rejection when missing or not an sf-boolean.</summary>
    public static ProtocolError? ReadComplete(HttpRequest request, out bool complete) =>
        ResumableUploadHeaders.TryParseBoolean(request.Headers[ResumableUploadHeaders.UploadComplete].ToString(), out complete)
            ? null
            : ProtocolErrors.InvalidUploadComplete;

    /// <summary>Upload-Offset, required on append; null with the rejection when missing or not a non-negative sf-integer.</summary>
    public static ProtocolError? ReadOffset(HttpRequest request, out long offset) =>
        ResumableUploadHeaders.TryParseNonNegative(request.Headers[ResumableUploadHeaders.UploadOffset].ToString(), out offset)
            ? null
            : ProtocolErrors.InvalidUploadOffset;

    /// <summary>draft-05 "Offset Retrieval" / "Upload Cancellation": whether the request carries state fields it must not.</summary>
    public static bool CarriesStateFields(HttpRequest request, bool isCancellation) =>
        request.Headers.ContainsKey(ResumableUploadHeaders.UploadOffset)
        || request.Headers.ContainsKey(ResumableUploadHeaders.UploadComplete)
        || (!isCancellation && request.Headers.ContainsKey(ResumableUploadHeaders.UploadLength));

    /// <summary>The length indicated by this request (null if none), or the rejection when the indications disagree with each other
    /// or with the length already <paramref name="known"/>.</summary>
    public static ProtocolError? ReadLength(HttpRequest request, RufhDialect dialect, long offset, bool complete, long? known, out long? length)
    {
        length = null;
        var header = request.Headers[ResumableUploadHeaders.UploadLength].ToString();
        // "Length": a value that is not a non-negative sf-integer makes the field ignored.
        if (header.Length > 0 && ResumableUploadHeaders.TryParseNonNegative(header, out var declared))
        {
            length = declared;
        }
        if (complete && request.ContentLength is long contentLength)
        {
            var implied = offset + contentLength;
            if (length is not null && length != implied)
            {
                return IetfResponses.InconsistentLength(dialect, $"Upload-Length says {length} but the content ends at {implied}.");
            }
            length = implied;
        }
        return known is not null && length is not null && known != length
            ? IetfResponses.InconsistentLength(dialect, $"The upload's length is {known}; this request indicates {length}.")
            : null;
    }
}
