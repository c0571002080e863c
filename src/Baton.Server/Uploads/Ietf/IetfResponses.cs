using System.Globalization;
using Baton.Protocol.Problems;
using Baton.Protocol.Uploads;
using Baton.Server.Uploads.Http;
using Baton.Storage;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Uploads.Ietf;

/// <summary>The draft's state headers (§4.1–4.4) and the rejections an append can end in.</summary>
public static class IetfResponses
{
    public static void WriteState(HttpResponse response, UploadInfo info, UploadLimit limit, string? fileUrl)
    {
        var headers = response.Headers;
        headers[ResumableUploadHeaders.UploadOffset] = info.Offset.ToString(CultureInfo.InvariantCulture);
        headers[ResumableUploadHeaders.UploadComplete] = ResumableUploadHeaders.FormatBoolean(info.IsComplete);
        if (info.Length is long length)
        {
            headers[ResumableUploadHeaders.UploadLength] = length.ToString(CultureInfo.InvariantCulture);
        }
        if (!limit.IsEmpty)
        {
            headers[ResumableUploadHeaders.UploadLimit] = limit.ToString();
        }
        if (fileUrl is not null)
        {
            headers[UploadUrls.FileUrlHeader] = fileUrl;
        }
    }

    public static ProtocolError? ErrorFor(AppendResult result) => result.Outcome switch
    {
        AppendOutcome.Appended or AppendOutcome.Interrupted => null,
        AppendOutcome.NotFound => ProtocolErrors.UploadNotFound,
        AppendOutcome.Gone => ProtocolErrors.UploadGone,
        AppendOutcome.OffsetMismatch => ProtocolErrors.MismatchingUploadOffset.WithDetail($"The upload's offset is {result.Info?.Offset}."),
        AppendOutcome.FinalUpload => ProtocolErrors.FinalUploadNotPatchable,
        AppendOutcome.LengthExceeded => result.Info?.Length is null ? ProtocolErrors.UploadTooLarge : ProtocolErrors.InconsistentUploadLength,
        AppendOutcome.Rejected => result.Rejection,
        AppendOutcome.Locked => ProtocolErrors.UploadLocked,
        _ => ProtocolErrors.Internal,
    };
}
