namespace Baton.Protocol.Fields;

/// <summary>
/// Names of the HTTP fields Baton defines itself (docs/uploads.md, docs/client.md) and of the standard fields its client reads
/// by name, so server and client spell them once. tus fields are in <see cref="Tus.TusHeaders"/>, RUFH fields in
/// <see cref="Uploads.ResumableUploadHeaders"/>, digest fields in <see cref="Digests.ReprDigest"/> and <see cref="Digests.WantDigest"/>.
/// </summary>
public static class BatonFieldNames
{
    /// <summary>On an upload's responses once it became a file: that file's download URL.</summary>
    public const string FileUrl = "Baton-File-Url";

    /// <summary>On OPTIONS of an upload endpoint: the digest (sha-256) a completed upload's file answers Want-Repr-Digest with.</summary>
    public const string FileDigest = "Baton-File-Digest";

    /// <summary>On OPTIONS of an upload endpoint: the RUFH interop versions spoken (see <see cref="Uploads.ResumableUploadHeaders"/>).</summary>
    public const string InteropVersions = Uploads.ResumableUploadHeaders.SupportedInteropVersions;

    /// <summary>On a creation that declared a digest and was not completed at once (with <c>Uploads:InstantAcrossScopes</c>): a
    /// proof-of-possession challenge, <c>nonce=:BASE64:, ranges="a-b,c-d"</c> (docs/uploads.md §Instant uploads).</summary>
    public const string ProofChallenge = "Baton-Proof-Challenge";

    /// <summary>The answer to <see cref="ProofChallenge"/>, POSTed to the upload URL: <c>:BASE64(HMAC-SHA256):</c>.</summary>
    public const string Proof = "Baton-Proof";

    /// <summary>RFC 9110 §14.4.</summary>
    public const string ContentRange = "Content-Range";

    /// <summary>RFC 9110 §8.8.3.</summary>
    public const string ETag = "ETag";

    /// <summary>RFC 9110 §8.8.2.</summary>
    public const string LastModified = "Last-Modified";

    /// <summary>RFC 9110 §13.1.5.</summary>
    public const string IfRange = "If-Range";

    /// <summary>RFC 9110 §6.6.2: the trailer fields a chunked request announces.</summary>
    public const string Trailer = "Trailer";

    /// <summary>RFC 5789 §3.1: the PATCH media types an upload resource accepts.</summary>
    public const string AcceptPatch = "Accept-Patch";

    /// <summary>W3C Referrer Policy §4.1, on the page.</summary>
    public const string ReferrerPolicy = "Referrer-Policy";

    /// <summary>HTML §7.1.3 (COOP), on the page.</summary>
    public const string CrossOriginOpenerPolicy = "Cross-Origin-Opener-Policy";

    /// <summary>Fetch §3.7 (CORP), on the page's assets.</summary>
    public const string CrossOriginResourcePolicy = "Cross-Origin-Resource-Policy";

    /// <summary>W3C Permissions Policy §5.1, on the page.</summary>
    public const string PermissionsPolicy = "Permissions-Policy";
}
