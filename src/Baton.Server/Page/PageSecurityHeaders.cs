using Baton.Protocol.Fields;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Page;

/// <summary>Response headers that lock the page down: it runs only its own bundled script and cannot be framed.</summary>
public static class PageSecurityHeaders
{
    /// <summary>
    /// CSP Level 3: no inline script or style element, resources only from this origin, <c>blob:</c>/<c>data:</c> images
    /// for Uppy's thumbnails, and no framing (clickjacking, CSP3 §6.4.2 frame-ancestors).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>Headers for the HTML document.</summary>
    public static void ApplyToDocument(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers[BatonFieldNames.ReferrerPolicy] = "no-referrer";
        headers[BatonFieldNames.CrossOriginOpenerPolicy] = "same-origin";
        headers[BatonFieldNames.PermissionsPolicy] = "camera=(), microphone=(), geolocation=()";
        ApplyToAsset(response);
    }

    /// <summary>Headers for every asset: never sniff a script or style out of another type.</summary>
    public static void ApplyToAsset(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers[BatonFieldNames.CrossOriginResourcePolicy] = "same-origin";
    }
}
