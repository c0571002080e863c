namespace Baton.Protocol.Problems;

/// <summary>Rejections of the resumable upload endpoints (tus 1.0 and the IETF Resumable Uploads draft).</summary>
public static partial class ProtocolErrors
{
    /// <summary>IANA problem-type registry base used verbatim by the resumable-upload drafts ("Problem Types").</summary>
    internal const string IanaProblemTypes = "https://iana.org/assignments/http-problem-types#";

    /// <summary>tus §Tus-Resumable: missing or unsupported protocol version (sent with Tus-Version).</summary>
    public static readonly ProtocolError TusVersionUnsupported =
        Make(412, "tus-version-unsupported", "The request's Tus-Resumable version is missing or not supported; see Tus-Version.");

    /// <summary>tus §HEAD/§PATCH: no upload with this id (or the id is not one Baton issues).</summary>
    public static readonly ProtocolError UploadNotFound = Make(404, "upload-not-found", "There is no upload at this address.");

    /// <summary>tus §Expiration / §Termination: the upload existed but was terminated or expired.</summary>
    public static readonly ProtocolError UploadGone = Make(410, "upload-gone", "The upload was terminated or has expired; start a new upload.");

    /// <summary>tus §PATCH: Upload-Offset differs from the upload's offset; nothing was written.</summary>
    public static readonly ProtocolError UploadOffsetMismatch =
        Make(409, "upload-offset-mismatch", "Upload-Offset does not match the upload's current offset; nothing was written.");

    /// <summary>"Mismatching Offset" (every draft): the IETF problem type for the same condition; sent with the <c>expected-offset</c>
    /// and <c>provided-offset</c> members.</summary>
    public static readonly ProtocolError MismatchingUploadOffset =
        new(409, IanaProblemTypes + "mismatching-upload-offset", "Upload-Offset does not match the upload's current offset; nothing was written.");

    /// <summary>"Inconsistent Length" (draft-06 onwards): lengths given in requests disagree, or the content runs past the known length.</summary>
    public static readonly ProtocolError InconsistentUploadLength =
        new(400, IanaProblemTypes + "inconsistent-upload-length", "The upload length indicated by the request is inconsistent with the upload's length.");

    /// <summary>"Completed Upload" (draft-05 to -11; the editor's copy removed it): appending to an upload that is already complete.</summary>
    public static readonly ProtocolError CompletedUpload =
        new(400, IanaProblemTypes + "completed-upload", "The upload is already complete and cannot be modified.");

    /// <summary>tus §Upload-Offset: missing or not a non-negative integer.</summary>
    public static readonly ProtocolError InvalidUploadOffset =
        Make(400, "invalid-upload-offset", "Upload-Offset is missing or is not a non-negative integer.");

    /// <summary>tus §Upload-Length: not a non-negative integer.</summary>
    public static readonly ProtocolError InvalidUploadLength =
        Make(400, "invalid-upload-length", "Upload-Length is not a non-negative integer.");

    /// <summary>tus §POST: creation needs Upload-Length or Upload-Defer-Length: 1 (and not both).</summary>
    public static readonly ProtocolError UploadLengthRequired =
        Make(400, "upload-length-required", "Upload creation needs exactly one of Upload-Length or Upload-Defer-Length: 1.");

    /// <summary>tus §Upload-Defer-Length: the value must be 1.</summary>
    public static readonly ProtocolError InvalidDeferLength = Make(400, "invalid-defer-length", "Upload-Defer-Length must be 1.");

    /// <summary>tus §POST: once set the length must not change.</summary>
    public static readonly ProtocolError UploadLengthAlreadySet =
        Make(400, "upload-length-already-set", "The upload's length is already known and cannot be changed.");

    /// <summary>tus §PATCH: the body would run past the upload's length; the chunk was discarded.</summary>
    public static readonly ProtocolError UploadLengthExceeded =
        Make(400, "upload-length-exceeded", "The request's content would run past the upload's length; the chunk was discarded.");

    /// <summary>tus §Upload-Metadata: malformed pairs, bad Base64 or duplicate keys.</summary>
    public static readonly ProtocolError InvalidUploadMetadata = Make(400, "invalid-upload-metadata", "Upload-Metadata is malformed.");

    /// <summary>tus §POST / the drafts' max-size limit: the upload is larger than the configured maximum.</summary>
    public static readonly ProtocolError UploadTooLarge = Make(413, "upload-too-large", "The upload is larger than this server accepts (see Tus-Max-Size).");

    /// <summary>tus §PATCH: the body must be application/offset+octet-stream (IETF: application/partial-upload).</summary>
    public static readonly ProtocolError UploadMediaTypeUnsupported =
        Make(415, "upload-media-type-unsupported", "The request content type is not the one this upload request requires.");

    /// <summary>Restriction: the file name's extension is not in the accepted list.</summary>
    public static readonly ProtocolError UploadExtensionNotAllowed =
        Make(415, "upload-extension-not-allowed", "Files with this name extension are not accepted.");

    /// <summary>Restriction: the declared media type (metadata filetype) is not in the accepted list.</summary>
    public static readonly ProtocolError UploadTypeNotAllowed =
        Make(415, "upload-type-not-allowed", "Files of this media type are not accepted.");

    /// <summary>tus §Checksum: the algorithm is not supported (see Tus-Checksum-Algorithm); the chunk was discarded.</summary>
    public static readonly ProtocolError ChecksumAlgorithmUnsupported =
        Make(400, "checksum-algorithm-unsupported", "The checksum algorithm is not supported (see Tus-Checksum-Algorithm); the chunk was discarded.");

    /// <summary>tus §Upload-Checksum: not "algorithm base64".</summary>
    public static readonly ProtocolError InvalidChecksum = Make(400, "invalid-checksum", "Upload-Checksum is not 'algorithm base64-checksum'.");

    /// <summary>tus §Checksum: 460, the chunk was discarded and the offset is unchanged.</summary>
    public static readonly ProtocolError ChecksumMismatch =
        Make(460, "checksum-mismatch", "The body does not match Upload-Checksum; the chunk was discarded and the offset is unchanged.");

    /// <summary>The drafts' "Integrity Digests" / RFC 9530: the completed representation does not match Repr-Digest; the upload was discarded.</summary>
    public static readonly ProtocolError ReprDigestMismatch =
        Make(400, "repr-digest-mismatch", "The uploaded representation does not match Repr-Digest; the upload was discarded.");

    /// <summary>tus §Concatenation: PATCH against a final upload.</summary>
    public static readonly ProtocolError FinalUploadNotPatchable =
        Make(403, "final-upload-not-patchable", "A final (concatenated) upload cannot be patched.");

    /// <summary>tus §Upload-Concat: malformed, or naming uploads that are not partial uploads of this server.</summary>
    public static readonly ProtocolError InvalidUploadConcat =
        Make(400, "invalid-upload-concat", "Upload-Concat is malformed or names uploads that are not partial uploads here.");

    /// <summary>Another request holds the upload and did not let go in time.</summary>
    public static readonly ProtocolError UploadLocked = Make(423, "upload-locked", "Another request is writing to this upload; retry shortly.");

    /// <summary>"Upload Creation" / "Upload Append": Upload-Complete is required and must be an sf-boolean.</summary>
    public static readonly ProtocolError InvalidUploadComplete =
        Make(400, "invalid-upload-complete", "Upload-Complete is missing or is not a structured boolean (?0 or ?1).");

    /// <summary>tus §X-HTTP-Method-Override: the overriding method is not one this resource supports.</summary>
    public static readonly ProtocolError InvalidMethodOverride =
        Make(405, "invalid-method-override", "X-HTTP-Method-Override names a method this resource does not support.");
}
