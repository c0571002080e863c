using System.Net;

namespace Baton.Protocol.Uploads.Dialects;

/// <summary>
/// The interop versions Baton speaks, one <see cref="RufhDialect"/> each, and the choice of one per request. An interop version
/// covers several drafts; each is implemented from the last draft carrying it, choosing, where the revisions differ, the answer
/// that satisfies all of them (docs/uploads.md).
/// </summary>
public static class RufhDialects
{
    /// <summary>Interop 6: draft-04 and -05, implemented from -05 (tus-js-client <c>ietf-draft-05</c>, tusd, URLSession on iOS 18).</summary>
    public static readonly RufhDialect Draft05 = new()
    {
        InteropVersion = 6,
        Draft = "draft-ietf-httpbis-resumable-upload-05",
        CompletedStatus = (int)HttpStatusCode.Created,
        IncompleteAppendStatus = (int)HttpStatusCode.Created,
        LifetimeLimitKey = "expires",
        RejectsStateFieldsOnRetrievalAndCancellation = true,
        InactiveIsNotFound = true,
        CompleteMeaning = CompleteFieldMeaning.UploadState,
        LateAppend = LateAppendRule.RejectAsCompleted,
        DefinesInconsistentLengthProblem = false,
        DeactivatesPastLength = false,
        LimitOnTooLarge = false,
        AnswersGet = false,
        OffsetMayExceedSent = false,
    };

    /// <summary>Interop 7: draft-06, -07 and -08 (the same protocol; -07 named the structured types, -08 deactivates an upload
    /// whose content runs past its length).</summary>
    public static readonly RufhDialect Draft08 = Draft05 with
    {
        InteropVersion = 7,
        Draft = "draft-ietf-httpbis-resumable-upload-08",
        CompletedStatus = (int)HttpStatusCode.OK,
        IncompleteAppendStatus = (int)HttpStatusCode.NoContent,
        LifetimeLimitKey = UploadLimit.MaxAgeKey,
        RejectsStateFieldsOnRetrievalAndCancellation = false,
        InactiveIsNotFound = false,
        CompleteMeaning = CompleteFieldMeaning.ThisResponseIsFinal,
        DefinesInconsistentLengthProblem = true,
        DeactivatesPastLength = true,
    };

    /// <summary>Interop 8: draft-09, -10 and -11 (URLSession on iOS 26).</summary>
    public static readonly RufhDialect Draft11 = Draft08 with
    {
        InteropVersion = 8,
        Draft = "draft-ietf-httpbis-resumable-upload-11",
        LateAppend = LateAppendRule.RejectByContent,
    };

    /// <summary>Interop 9: the editor's copy of 2026-07-01, released as draft-12.</summary>
    public static readonly RufhDialect Draft12 = Draft11 with
    {
        InteropVersion = 9,
        Draft = "draft-ietf-httpbis-resumable-upload-12",
        LateAppend = LateAppendRule.ReplayFinalResponse,
        LimitOnTooLarge = true,
        AnswersGet = true,
        OffsetMayExceedSent = true,
    };

    /// <summary>Every supported dialect, oldest first.</summary>
    public static IReadOnlyList<RufhDialect> All { get; } = [Draft05, Draft08, Draft11, Draft12];

    /// <summary>The newest dialect: answers OPTIONS requests that name no (or no supported) interop version.</summary>
    public static RufhDialect Latest => Draft12;

    /// <summary>The supported interop versions, oldest first.</summary>
    public static IReadOnlyList<int> Versions { get; } = [.. All.Select(d => d.InteropVersion)];

    /// <summary>The <c>Baton-Interop-Versions</c> field value: an sf-list of the supported versions ("6, 7, 8, 9").</summary>
    public static string VersionList { get; } = string.Join(", ", Versions);

    /// <summary>The dialect an <c>Upload-Draft-Interop-Version</c> field value (an sf-integer) names, or null when the field is
    /// missing, malformed or names a version Baton does not speak.</summary>
    public static RufhDialect? Resolve(string? field) =>
        ResumableUploadHeaders.TryParseNonNegative(field, out var version) ? All.FirstOrDefault(d => d.InteropVersion == version) : null;
}
