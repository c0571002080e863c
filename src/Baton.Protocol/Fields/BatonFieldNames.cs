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
}
