using Microsoft.AspNetCore.Http;

namespace Baton.Server.Uploads.Http;

/// <summary>
/// CORS (Fetch standard) for browser clients on other origins listed in <see cref="UploadOptions.CorsOrigins"/>: preflights
/// are answered here, and actual responses expose the tus and IETF headers the clients need to read.
/// </summary>
public static class UploadCors
{
    private const string AllowedMethods = "POST, HEAD, PATCH, DELETE, OPTIONS";

    private const string ExposedHeaders =
        "Location, Upload-Offset, Upload-Length, Upload-Metadata, Upload-Defer-Length, Upload-Expires, Upload-Concat, "
        + "Tus-Resumable, Tus-Version, Tus-Extension, Tus-Max-Size, Tus-Checksum-Algorithm, "
        + "Upload-Complete, Upload-Limit, Upload-Draft-Interop-Version, Baton-File-Url";

    /// <summary>Adds the CORS response headers; returns true when the request was a preflight, now fully answered.</summary>
    public static bool Apply(HttpContext context, UploadOptions options)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !IsAllowed(origin, options.CorsOrigins))
        {
            return false;
        }
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Append("Vary", "Origin");
        var requestedMethod = context.Request.Headers.AccessControlRequestMethod.ToString();
        if (HttpMethods.IsOptions(context.Request.Method) && requestedMethod.Length > 0)
        {
            headers.AccessControlAllowMethods = AllowedMethods;
            headers.AccessControlAllowHeaders = context.Request.Headers.AccessControlRequestHeaders.ToString() is { Length: > 0 } asked
                ? asked
                : "Tus-Resumable, Upload-Offset, Upload-Length, Upload-Metadata, Upload-Defer-Length, Upload-Checksum, Upload-Concat, Content-Type, X-HTTP-Method-Override, Upload-Complete, Upload-Draft-Interop-Version";
            headers.AccessControlMaxAge = "86400";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return true;
        }
        headers.AccessControlExposeHeaders = ExposedHeaders;
        return false;
    }

    private static bool IsAllowed(string origin, string[] allowed) =>
        allowed.Any(a => a == "*" || string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
}
