using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Browser.Tests;

/// <summary>
/// Stands in for access control (a later issue): requests under <paramref name="pathPrefix"/> get <paramref name="status"/>
/// (401 or 403) as problem+json, so the page's refusal message can be tested before tokens exist.
/// </summary>
public sealed class RefusedAccess(string pathPrefix, int status) : IStartupFilter
{
    public const string Detail = "test refusal";

    public static void Install(IServiceCollection services, string pathPrefix, int status) =>
        services.AddSingleton<IStartupFilter>(new RefusedAccess(pathPrefix, status));

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (!context.Request.Path.StartsWithSegments(pathPrefix) || HttpMethods.IsOptions(context.Request.Method))
            {
                await nextMiddleware(context);
                return;
            }
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status401Unauthorized)
            {
                context.Response.Headers.WWWAuthenticate = "Bearer";
            }
            context.Response.Headers["Tus-Resumable"] = "1.0.0";
            context.Response.ContentType = "application/problem+json";
            await context.Response.WriteAsync($$"""{"type":"urn:test:refused","title":"Refused","status":{{status}},"detail":"{{Detail}}"}""");
        });
        next(app);
    };
}
