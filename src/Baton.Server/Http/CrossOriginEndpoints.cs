using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Baton.Server.Http;

/// <summary>CORS for the download side (files, Files API, links): preflight endpoints and a filter adding headers to real responses.</summary>
public static class CrossOriginEndpoints
{
    private const string Methods = "GET, HEAD, DELETE, POST, OPTIONS";
    private const string Exposed = "Content-Range, Content-Disposition, Content-Length, ETag, Last-Modified, Accept-Ranges, Repr-Digest, Retry-After";
    private const string AllowHeaders = "Authorization, Range, If-Range, If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since, Want-Repr-Digest, Content-Type";

    /// <summary>Answers preflights on the download-side routes (open: a preflight never carries credentials).</summary>
    public static IEndpointRouteBuilder MapCrossOriginPreflights(this IEndpointRouteBuilder endpoints, params string[] patterns)
    {
        foreach (var pattern in patterns)
        {
            endpoints.MapMethods(pattern, [HttpMethods.Options], (HttpContext context, IOptions<BatonOptions> options) =>
            {
                if (!CrossOrigin.Apply(context, options.Value.CorsOrigins, Methods, Exposed, AllowHeaders))
                {
                    context.Response.StatusCode = StatusCodes.Status204NoContent;
                    context.Response.Headers.Allow = Methods;
                }
            });
        }
        return endpoints;
    }

    /// <summary>The download-side CORS headers on any response (also 401/403 from authentication, so pages can read the problem).</summary>
    public static void ApplyTo(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<BatonOptions>>().Value;
        if (!context.Response.Headers.ContainsKey(Microsoft.Net.Http.Headers.HeaderNames.AccessControlAllowOrigin))
        {
            CrossOrigin.Apply(context, options.CorsOrigins, Methods, Exposed, AllowHeaders);
        }
    }

    /// <summary>Adds CORS headers to the endpoint's responses for allowed origins.</summary>
    public static TBuilder WithCrossOrigin<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((_, next) => context =>
        {
            ApplyTo(context.HttpContext);
            return next(context);
        });
}
