using System.Globalization;
using Baton.Protocol.Problems;
using Baton.Protocol.Tus;
using Baton.Protocol.Validators;
using Baton.Server.Uploads.Http;
using Baton.Storage;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Uploads.Tus;

/// <summary>The tus state headers of an upload, and the rejections an append can end in.</summary>
public static class TusResponses
{
    /// <summary>
    /// Upload-Offset (tus §HEAD; for a final upload only once joined, §Concatenation), Upload-Length or Upload-Defer-Length: 1,
    /// Upload-Expires while unfinished (§Expiration), and Baton-File-Url once the upload is a file.
    /// </summary>
    public static void WriteState(HttpResponse response, UploadInfo info, string? fileUrl)
    {
        var headers = response.Headers;
        if (info.Kind != UploadKind.Final || info.IsComplete)
        {
            headers[TusHeaders.UploadOffset] = info.Offset.ToString(CultureInfo.InvariantCulture);
        }
        if (info.Length is long length)
        {
            headers[TusHeaders.UploadLength] = length.ToString(CultureInfo.InvariantCulture);
        }
        else if (info.Kind != UploadKind.Final)
        {
            headers[TusHeaders.UploadDeferLength] = "1";
        }
        if (!info.IsComplete && info.ExpiresAt is { } expires)
        {
            headers[TusHeaders.UploadExpires] = HttpDate.Format(expires);
        }
        if (fileUrl is not null)
        {
            headers[UploadUrls.FileUrlHeader] = fileUrl;
        }
    }

    /// <summary>The rejection for an append that did not succeed, or null when it did (fully or up to an interruption).</summary>
    public static ProtocolError? ErrorFor(AppendResult result, bool lengthWasKnown) => result.Outcome switch
    {
        AppendOutcome.Appended or AppendOutcome.Interrupted => null,
        AppendOutcome.NotFound => ProtocolErrors.UploadNotFound,
        AppendOutcome.Gone => ProtocolErrors.UploadGone,
        AppendOutcome.OffsetMismatch => ProtocolErrors.UploadOffsetMismatch.WithDetail(
            $"The upload's offset is {result.Info?.Offset}."),
        AppendOutcome.FinalUpload => ProtocolErrors.FinalUploadNotPatchable,
        AppendOutcome.LengthExceeded => lengthWasKnown ? ProtocolErrors.UploadLengthExceeded : ProtocolErrors.UploadTooLarge,
        AppendOutcome.Rejected => result.Rejection ?? ProtocolErrors.ChecksumMismatch,
        AppendOutcome.Locked => ProtocolErrors.UploadLocked,
        AppendOutcome.StorageFull => ProtocolErrors.StorageFull.WithDetail(
            $"The server's storage is full; {result.Info?.Offset} bytes of the upload are stored. Retry once space is freed."),
        _ => ProtocolErrors.Internal,
    };
}
