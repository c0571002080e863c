using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Baton.Server.Uploads.Http;

/// <summary>
/// Per-request body limits of the upload endpoints only: Kestrel's request-body size limit is lifted (the store enforces
/// the upload's own length and <see cref="UploadOptions.MaxSize"/>), and a minimum data rate cuts off senders that stall.
/// </summary>
public static class UploadRequestBody
{
    public static void Prepare(HttpContext context, UploadOptions options)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = options.MinBytesPerSecond == 0 ? null : new MinDataRate(options.MinBytesPerSecond, options.MinDataRateGracePeriod);
        }
    }

    /// <summary>Whether the request carries content (a Content-Length above 0, or chunked framing).</summary>
    public static bool HasContent(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
}
