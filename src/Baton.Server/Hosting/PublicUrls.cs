using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Baton.Server.Hosting;

/// <summary>
/// The URLs Baton hands out as clients reach them. With <see cref="BatonOptions.PublicBaseUrl"/> set (a cluster behind a load
/// balancer) every handed-out URL is absolute on that base, the same whichever instance answered; without it, Location and
/// Baton-File-Url stay relative references (RFC 9110 §10.2.2) and links use the request's own scheme and host.
/// </summary>
public static class PublicUrls
{
    /// <summary>Pure: <paramref name="pathAndQuery"/> (starting with '/') on <paramref name="publicBaseUrl"/>, or unchanged without one.</summary>
    public static string Reference(string publicBaseUrl, string pathAndQuery) =>
        publicBaseUrl.Length == 0 ? pathAndQuery : publicBaseUrl.TrimEnd('/') + pathAndQuery;

    /// <summary>Pure: an absolute URL — on <paramref name="publicBaseUrl"/>, else on the request's scheme and host.</summary>
    public static string Absolute(string publicBaseUrl, string scheme, string host, string pathAndQuery) =>
        publicBaseUrl.Length == 0 ? $"{scheme}://{host}{pathAndQuery}" : Reference(publicBaseUrl, pathAndQuery);

    /// <summary><see cref="Reference(string, string)"/> with this server's setting (for Location and Baton-File-Url).</summary>
    public static string Reference(HttpContext context, string pathAndQuery) => Reference(BaseOf(context), pathAndQuery);

    /// <summary><see cref="Absolute(string, string, string, string)"/> with this server's setting (for signed links).</summary>
    public static string Absolute(HttpContext context, string pathAndQuery) =>
        Absolute(BaseOf(context), context.Request.Scheme, context.Request.Host.Value ?? "", pathAndQuery);

    private static string BaseOf(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<BatonOptions>>().Value.PublicBaseUrl;
}
