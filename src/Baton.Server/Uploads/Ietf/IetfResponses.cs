using System.Globalization;
using Baton.Protocol.Problems;
using Baton.Protocol.Uploads;
using Baton.Protocol.Uploads.Dialects;
using Baton.Server.Problems;
using Baton.Server.Uploads.Completion;
using Baton.Server.Uploads.Http;
using Baton.Storage;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Uploads.Ietf;

/// <summary>
/// The answers of the IETF upload resource in the request's dialect: the state fields ("State": Upload-Offset, Upload-Complete,
/// Upload-Length, Upload-Limit), the final and progress responses of creation and append, and every rejection — which carries
/// the upload's state when there is one (draft-05: "MUST send the Upload-Offset header field … when the response is a failure").
/// </summary>
public sealed class IetfResponses(UploadDiscovery discovery, UploadCompletion completion, TimeProvider time)
{
    /// <summary>
    /// The state fields, with <c>Upload-Complete</c> as the dialect means it in this response (<paramref name="final"/>: this
    /// response is the upload's final one), and <c>Baton-File-Url</c> once the upload is a file.
    /// </summary>
    public void WriteState(HttpContext context, RufhDialect dialect, UploadInfo info, bool final)
    {
        var headers = context.Response.Headers;
        headers[ResumableUploadHeaders.UploadOffset] = info.Offset.ToString(CultureInfo.InvariantCulture);
        headers[ResumableUploadHeaders.UploadComplete] = ResumableUploadHeaders.FormatBoolean(dialect.CompleteField(info.IsComplete, final));
        if (info.Length is long length)
        {
            headers[ResumableUploadHeaders.UploadLength] = length.ToString(CultureInfo.InvariantCulture);
        }
        if (dialect.LimitField(discovery.Limit(info, time.GetUtcNow())) is { } limit)
        {
            headers[ResumableUploadHeaders.UploadLimit] = limit;
        }
        if (completion.FileUrl(context.Request, info) is { } fileUrl)
        {
            headers[UploadUrls.FileUrlHeader] = fileUrl;
        }
    }

    /// <summary>Offset retrieval (HEAD, and GET where the dialect answers it): 204 with the state, never cached.</summary>
    public void WriteOffset(HttpContext context, RufhDialect dialect, UploadInfo info)
    {
        context.Response.Headers.CacheControl = "no-store";
        // Offset retrieval reports the completeness state in every draft.
        WriteState(context, dialect, info, final: info.IsComplete);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    /// <summary>
    /// The answer to a creation or append that went through: the final response once the upload is complete (the file it became),
    /// else the progress response (<paramref name="progressStatus"/>: 201 for creation, the dialect's status for an append).
    /// </summary>
    public void WriteOutcome(HttpContext context, RufhDialect dialect, UploadInfo info, int progressStatus)
    {
        WriteState(context, dialect, info, final: info.IsComplete);
        context.Response.StatusCode = info.IsComplete ? dialect.CompletedStatus : progressStatus;
    }

    /// <summary>
    /// A rejection in the dialect: the upload's state when known (<paramref name="final"/> when the representation was received
    /// and its processing failed) and <c>Upload-Limit</c> on a 413 where the dialect asks for it are set; the problem is returned
    /// for the dispatcher to answer with.
    /// </summary>
    public ProtocolError Reject(HttpContext context, RufhDialect dialect, ProtocolError error, UploadInfo? info = null, bool final = false)
    {
        if (info is not null)
        {
            WriteState(context, dialect, info, final);
        }
        else if (error.Status == StatusCodes.Status413PayloadTooLarge && dialect.LimitOnTooLarge
            && dialect.LimitField(discovery.Limit(null, time.GetUtcNow())) is { } limit)
        {
            context.Response.Headers[ResumableUploadHeaders.UploadLimit] = limit;
        }
        return error;
    }

    /// <summary>Lengths that disagree: the draft's problem type where it defines one (draft-06 onwards).</summary>
    public static ProtocolError InconsistentLength(RufhDialect dialect, string detail) =>
        (dialect.DefinesInconsistentLengthProblem ? ProtocolErrors.InconsistentUploadLength : ProtocolErrors.UploadLengthInconsistent)
        .WithDetail(detail);

    /// <summary>An upload that is not there: 410 for one that existed, except where the draft says 404 for anything inactive.</summary>
    public static ProtocolError Missing(RufhDialect dialect, UploadLookup lookup) =>
        dialect.InactiveIsNotFound && lookup.Presence == UploadPresence.Gone
            ? ProtocolErrors.UploadNotFound.WithDetail("The upload was cancelled or has expired.")
            : lookup.Missing;

    /// <summary>"Mismatching Offset": 409 with the <c>expected-offset</c> and <c>provided-offset</c> members.</summary>
    public static ProtocolError MismatchingOffset(long expected, long provided) =>
        ProtocolErrors.MismatchingUploadOffset.WithDetail($"The upload's offset is {expected}; the request says {provided}.")
            .WithMember("expected-offset", expected)
            .WithMember("provided-offset", provided);

    /// <summary>The rejection for an append that did not go through, or null when it did (fully, or up to an interruption).</summary>
    public static ProtocolError? ErrorFor(AppendResult result, RufhDialect dialect, long provided) => result.Outcome switch
    {
        AppendOutcome.Appended or AppendOutcome.Interrupted => null,
        AppendOutcome.NotFound => ProtocolErrors.UploadNotFound,
        AppendOutcome.Gone => Missing(dialect, UploadLookup.Gone),
        AppendOutcome.OffsetMismatch => MismatchingOffset(result.Info?.Offset ?? 0, provided),
        AppendOutcome.FinalUpload => ProtocolErrors.FinalUploadNotPatchable,
        AppendOutcome.LengthExceeded => result.Info?.Length is long length
            ? InconsistentLength(dialect, $"The content runs past the upload's length of {length} bytes.")
            : ProtocolErrors.UploadTooLarge,
        AppendOutcome.Rejected => result.Rejection ?? ProtocolErrors.Internal,
        AppendOutcome.Locked => ProtocolErrors.UploadLocked,
        AppendOutcome.StorageFull => ProtocolErrors.StorageFull.WithDetail(
            $"The server's storage is full; {result.Info?.Offset} bytes of the upload are stored. Retry once space is freed."),
        _ => ProtocolErrors.Internal,
    };
}
