using Microsoft.AspNetCore.Http;

namespace Baton.Server.Http;

/// <summary>
/// CORS (Fetch standard) for browser pages on other origins listed in <see cref="BatonOptions.CorsOrigins"/>. The allowed origin
/// is echoed (never a literal <c>*</c>) with <c>Vary: Origin</c>. Credentials travel in the Authorization header, which a
/// preflight may ask for; cookies are not used, so <c>Access-Control-Allow-Credentials</c> is never sent.
/// </summary>
public static class CrossOrigin
{
    /// <summary>Adds the CORS response headers; returns true when the request was a preflight, now fully answered (204).</summary>
    public static bool Apply(HttpContext context, string[] origins, string methods, string exposedHeaders, string defaultAllowHeaders)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length == 0 || !IsAllowed(origin, origins))
        {
            return false;
        }
        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = origin;
        headers.Append("Vary", "Origin");
        var requestedMethod = context.Request.Headers.AccessControlRequestMethod.ToString();
        if (HttpMethods.IsOptions(context.Request.Method) && requestedMethod.Length > 0)
        {
            headers.AccessControlAllowMethods = methods;
            headers.AccessControlAllowHeaders = context.Request.Headers.AccessControlRequestHeaders.ToString() is { Length: > 0 } asked
                ? asked
                : defaultAllowHeaders;
            headers.AccessControlMaxAge = "86400";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return true;
        }
        headers.AccessControlExposeHeaders = exposedHeaders;
        return false;
    }

    private static bool IsAllowed(string origin, string[] allowed) =>
        allowed.Any(a => a == "*" || string.Equals(a.TrimEnd('/'), origin, StringComparison.OrdinalIgnoreCase));
}
