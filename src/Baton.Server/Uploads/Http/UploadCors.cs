using Baton.Protocol.Digests;
using Baton.Protocol.Fields;
using Baton.Protocol.Uploads;
using Baton.Server.Http;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Uploads.Http;

/// <summary>CORS of the upload endpoints: the tus and IETF methods and headers clients need to send and read.</summary>
public static class UploadCors
{
    private const string AllowedMethods = "POST, HEAD, GET, PATCH, DELETE, OPTIONS";

    private const string ExposedHeaders =
        "Location, Upload-Offset, Upload-Length, Upload-Metadata, Upload-Defer-Length, Upload-Expires, Upload-Concat, "
        + "Tus-Resumable, Tus-Version, Tus-Extension, Tus-Max-Size, Tus-Checksum-Algorithm, "
        + "Upload-Complete, Upload-Limit, Upload-Draft-Interop-Version, Baton-File-Url, Baton-File-Digest, "
        + BatonFieldNames.ProofChallenge + ", " + ResumableUploadHeaders.SupportedInteropVersions;

    private const string AllowHeaders =
        "Authorization, Tus-Resumable, Upload-Offset, Upload-Length, Upload-Metadata, Upload-Defer-Length, Upload-Checksum, Upload-Concat, "
        + "Content-Type, X-HTTP-Method-Override, Upload-Complete, Upload-Draft-Interop-Version, "
        + ReprDigest.HeaderName + ", " + BatonFieldNames.Proof;

    /// <summary>Adds the CORS response headers; returns true when the request was a preflight, now fully answered.</summary>
    public static bool Apply(HttpContext context, BatonOptions options) =>
        CrossOrigin.Apply(context, options.CorsOrigins, AllowedMethods, ExposedHeaders, AllowHeaders);
}
