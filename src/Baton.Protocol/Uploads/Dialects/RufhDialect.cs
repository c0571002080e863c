using System.Globalization;

namespace Baton.Protocol.Uploads.Dialects;

/// <summary>
/// One interop version of the IETF Resumable Uploads draft, as the small table of what differs between versions. The
/// server's handlers are shared; they ask the dialect of the request (chosen by <c>Upload-Draft-Interop-Version</c>) only
/// where the drafts disagree. What every supported version has in common (the header names <c>Upload-Offset</c>,
/// <c>Upload-Complete</c>, <c>Upload-Length</c>, <c>Upload-Limit</c>; their structured types Integer, Boolean, Integer,
/// Dictionary; 409 for a mismatching offset with the <c>mismatching-upload-offset</c> problem type and its
/// <c>expected-offset</c>/<c>provided-offset</c> members; 204 for cancellation; <c>Repr-Digest</c>) is not in the table.
/// The instances are in <see cref="RufhDialects"/>; docs/uploads.md shows the table.
/// </summary>
public sealed record RufhDialect
{
    /// <summary>The value of <c>Upload-Draft-Interop-Version</c> naming this dialect (appendix "Draft Version Identification").</summary>
    public required int InteropVersion { get; init; }

    /// <summary>The draft text implemented (the last revision carrying this interop version).</summary>
    public required string Draft { get; init; }

    /// <summary>The media type of append (PATCH) content: <c>application/partial-upload</c> since draft-04.</summary>
    public string AppendMediaType { get; init; } = ResumableUploadHeaders.PartialUpload;

    /// <summary>The status of a successful response that completes the upload: draft-05 RECOMMENDS 201; later drafts answer
    /// with what the targeted resource answers for the whole representation (Baton: 200).</summary>
    public required int CompletedStatus { get; init; }

    /// <summary>The status of a successful append that leaves the upload incomplete: draft-05 requires 201, later drafts any 2xx (204).</summary>
    public required int IncompleteAppendStatus { get; init; }

    /// <summary>The <c>Upload-Limit</c> key of the remaining lifetime in seconds: <c>expires</c> in draft-05, <c>max-age</c> after.</summary>
    public required string LifetimeLimitKey { get; init; }

    /// <summary>draft-05 "Offset Retrieval" and "Upload Cancellation": offset retrieval carrying <c>Upload-Offset</c>, <c>Upload-Complete</c> or <c>Upload-Length</c>,
    /// and cancellation carrying <c>Upload-Offset</c> or <c>Upload-Complete</c>, MUST be rejected with 400.</summary>
    public required bool RejectsStateFieldsOnRetrievalAndCancellation { get; init; }

    /// <summary>draft-05 "Offset Retrieval", "Upload Append", "Upload Cancellation": an upload resource that is not active MUST be answered 404 (later drafts: 410 for one that existed).</summary>
    public required bool InactiveIsNotFound { get; init; }

    public required CompleteFieldMeaning CompleteMeaning { get; init; }

    public required LateAppendRule LateAppend { get; init; }

    /// <summary>The <c>inconsistent-upload-length</c> problem type exists (added in draft-06); draft-05 only says 400.</summary>
    public required bool DefinesInconsistentLengthProblem { get; init; }

    /// <summary>Content past a known length deactivates the upload (draft-08 onwards: "marking the upload resource invalid and
    /// rejecting any further interaction with it"); draft-05 only stops appending and rejects the request.</summary>
    public required bool DeactivatesPastLength { get; init; }

    /// <summary>Editor's copy "Limits": a 413 caused by the upload limits SHOULD carry <c>Upload-Limit</c>.</summary>
    public required bool LimitOnTooLarge { get; init; }

    /// <summary>Editor's copy "Offset Retrieval": <c>GET</c> on an upload resource retrieves the offset like <c>HEAD</c> (no content).</summary>
    public required bool AnswersGet { get; init; }

    /// <summary>Editor's copy "Offset Retrieval": the offset may be greater than what the client sent, when the server obtained the
    /// representation data otherwise (earlier drafts let the client treat that as a failure).</summary>
    public required bool OffsetMayExceedSent { get; init; }

    /// <summary>The problem type for an append to a complete upload, when the dialect has one (not in the editor's copy).</summary>
    public bool DefinesCompletedUploadProblem => LateAppend != LateAppendRule.ReplayFinalResponse;

    /// <summary>The <c>Upload-Complete</c> value of a creation or append response: the state when the field means the state,
    /// else whether this response is the upload's final one.</summary>
    public bool CompleteField(bool uploadIsComplete, bool responseIsFinal) =>
        CompleteMeaning == CompleteFieldMeaning.UploadState ? uploadIsComplete : responseIsFinal;

    /// <summary>The <c>Upload-Limit</c> field for a response about an upload (null when no limit applies).</summary>
    public string? LimitField(UploadLimit limit) => limit.IsEmpty ? null : limit.Format(LifetimeLimitKey);

    /// <summary>The <c>Upload-Limit</c> field of an OPTIONS response, never empty: draft-05–09 and the editor's copy say a server
    /// without limits MUST send <c>min-size=0</c> (draft-10–11 dropped the sentence but do not forbid it).</summary>
    public string OptionsLimitField(UploadLimit limit) => limit.IsEmpty ? "min-size=0" : limit.Format(LifetimeLimitKey);

    public override string ToString() => InteropVersion.ToString(CultureInfo.InvariantCulture);
}
