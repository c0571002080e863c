using Baton.Protocol.Problems;
using Baton.Server.Auth;
using Baton.Server.Problems;
using Baton.Server.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Baton.Server.Page;

/// <summary>Routes of the browser page: <c>GET /</c>, <c>GET /assets/{file}</c> and <c>GET /api/config</c>.</summary>
public static class PageEndpoints
{
    public const string ConfigPath = "/api/config";

    public static IEndpointRouteBuilder MapPage(this IEndpointRouteBuilder endpoints)
    {
        // Built at the first page request: reading the embedded files' manifest loads System.Private.Xml, ~3 MiB of mapped
        // code that a server only moving files never needs (bench/analysis.md, "Server memory").
        var page = new Lazy<PageAssets>(() => new PageAssets());
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<BatonOptions>>();
        var tokens = endpoints.ServiceProvider.GetRequiredService<ITokenSource>();

        endpoints.MapMethods("/", [HttpMethods.Get, HttpMethods.Head], async context =>
        {
            // The page addresses its assets and the API relatively, so under a path base it must be loaded as "/base/".
            var path = context.Request.PathBase + context.Request.Path;
            if (!path.HasValue || !path.Value!.EndsWith('/'))
            {
                context.Response.Redirect(path + "/" + context.Request.QueryString);
                return;
            }
            PageSecurityHeaders.ApplyToDocument(context.Response);
            await page.Value.WriteAsync(context, PageAssets.DocumentPath);
        }).ExcludeFromDescription();

        endpoints.MapMethods("/assets/{file}", [HttpMethods.Get, HttpMethods.Head], async context =>
        {
            var path = "assets/" + (string?)context.GetRouteValue("file");
            PageSecurityHeaders.ApplyToAsset(context.Response);
            var assets = page.Value;
            await (assets.Contains(path)
                ? assets.WriteAsync(context, path)
                : ProblemResponder.WriteAsync(context, ProtocolErrors.NotFound));
        }).ExcludeFromDescription();

        endpoints.MapGet(ConfigPath, async (HttpContext context) =>
        {
            var baton = options.Value;
            var uploads = $"{context.Request.PathBase}{baton.PathBase.TrimEnd('/')}{UploadEndpoints.CollectionPattern}";
            context.Response.Headers.CacheControl = "no-store";
            var tokensRequired = await tokens.HasTokensAsync(context.RequestAborted);
            return Results.Json(PageConfig.From(baton.Uploads, uploads, tokensRequired), PageJsonContext.Default.PageConfig);
        });
        return endpoints;
    }
}
