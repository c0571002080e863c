using Baton.Protocol.Uploads.Dialects;

namespace Baton.Protocol.Problems;

/// <summary>Rejections specific to the IETF Resumable Uploads drafts (the problem types they register are in ProtocolErrors.Uploads.cs).</summary>
public static partial class ProtocolErrors
{
    /// <summary>
    /// "Draft Version Identification": the request names no interop version, or one Baton does not speak. Refused before anything
    /// is stored, with the <c>supported-versions</c> member (and the <c>Baton-Interop-Versions</c> field) listing those it speaks.
    /// </summary>
    public static readonly ProtocolError InteropVersionUnsupported =
        Make(400, "interop-version-unsupported",
                "Upload-Draft-Interop-Version is missing or names a draft this server does not speak; see supported-versions.")
            .WithDetail($"This server speaks interop versions {RufhDialects.VersionList} "
                + $"({RufhDialects.All[0].Draft} to {RufhDialects.Latest.Draft}).")
            .WithMember("supported-versions", RufhDialects.Versions.ToArray());

    /// <summary>tus concatenation does not exist in the IETF protocol: an IETF request carrying <c>Upload-Concat</c> (tus-js-client's
    /// <c>parallelUploads</c>) is refused before anything is stored rather than stored as an unrelated upload.</summary>
    public static readonly ProtocolError UploadConcatNotInIetf =
        Make(400, "upload-concat-not-supported",
            "Upload-Concat is a tus header; IETF Resumable Uploads have no concatenation. Send the file as one upload, or use tus (Tus-Resumable: 1.0.0) for parallel uploads.");

    /// <summary>draft-05 "Offset Retrieval" / "Upload Cancellation": these requests must not carry the upload's state fields.</summary>
    public static readonly ProtocolError UnexpectedUploadFields =
        Make(400, "unexpected-upload-fields",
            "Offset retrieval must not carry Upload-Offset, Upload-Complete or Upload-Length, and cancellation not Upload-Offset or Upload-Complete.");

    /// <summary>draft-05 "Upload Creation" / "Upload Append": lengths that disagree are 400; that draft registers no problem type for it.</summary>
    public static readonly ProtocolError UploadLengthInconsistent =
        Make(400, "upload-length-inconsistent", "The upload length indicated by the request is inconsistent with the upload's length.");
}
