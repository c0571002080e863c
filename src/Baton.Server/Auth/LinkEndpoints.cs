using System.Text.Json;
using Baton.Protocol.Paths;
using Baton.Protocol.Problems;
using Baton.Server.Files;
using Baton.Server.Hosting;
using Baton.Server.Http;
using Baton.Server.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Baton.Server.Auth;

/// <summary><c>POST /api/links</c>: creates a signed, expiring link. A caller may sign only what it may do itself.</summary>
public static class LinkEndpoints
{
    public const string Path = "/api/links";
    public const string UploadsPath = "/uploads";

    public static IEndpointRouteBuilder MapLinks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, CreateAsync)
            .AddEndpointFilter<ProblemAnswers>()
            .RequireAuthorization(BatonPolicies.Caller)
            .AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<BatonRateLimits>().Api)
            .WithCrossOrigin()
            .WithName("BatonCreateLink");
        endpoints.MapCrossOriginPreflights(Path);
        return endpoints;
    }

    /// <returns>The problem to answer with (<see cref="ProblemAnswers"/> writes it), or null once the link is written.</returns>
    private static async Task<ProtocolError?> CreateAsync(HttpContext context, LinkSigner signer, StoredFiles files, TimeProvider time,
        IOptions<BatonOptions> options)
    {
        LinkRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(context.Request.Body, LinkJsonContext.Default.LinkRequest, context.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }
        var settings = options.Value;
        if (request is null || request.ExpiresInSeconds <= 0 || request.ExpiresInSeconds > settings.Auth.MaxLinkLifetime.TotalSeconds
            || (request.Upload ? request.MaxBytes is not > 0 : request.Path is null))
        {
            return ProtocolErrors.InvalidLinkRequest.WithDetail(
                $"Send {{\"path\": \"dir/file\", \"expiresInSeconds\": N}} or {{\"upload\": true, \"maxBytes\": N, \"expiresInSeconds\": N}}; N at most {(long)settings.Auth.MaxLinkLifetime.TotalSeconds} seconds.");
        }
        var caller = BatonCaller.From(context.User)!;
        if (caller.LinkPath is not null || !caller.Can(request.Upload ? BatonPermissions.Upload : BatonPermissions.Download))
        {
            // A link never mints links, and a caller signs only what it may do itself.
            return ProtocolErrors.Forbidden;
        }
        if (request.Upload && caller.Confinement is not null)
        {
            // An upload link is not scoped: whoever holds it could name any folder. A confined caller signs download links only
            // (they name one file, inside its folder).
            return ProtocolErrors.Forbidden.WithDetail("A token confined to a folder cannot sign upload links.");
        }
        var expires = time.GetUtcNow().AddSeconds(request.ExpiresInSeconds);
        string target;
        string query;
        if (request.Upload)
        {
            target = settings.PathBase.TrimEnd('/') + UploadsPath;
            query = signer.Sign(HttpMethods.Post, target, expires, request.MaxBytes);
        }
        else
        {
            // The caller's own root is refused as the server's root is (a scoped caller's root is its folder, not "").
            if (files.Resolve(request.Path, out var relative) != PathCheck.Valid || files.Present(relative)?.IsRoot != false)
            {
                return ProtocolErrors.InvalidPath;
            }
            target = FileLinks.Download(relative.ToString(), settings.PathBase);
            // The signature covers the decoded path, exactly as the request will present it.
            query = signer.Sign(HttpMethods.Get, Uri.UnescapeDataString(target), expires);
        }
        var url = PublicUrls.Absolute(context, $"{target}?{query}");
        context.Response.StatusCode = StatusCodes.Status201Created;
        await context.Response.WriteAsJsonAsync(new LinkResponse(url, expires), LinkJsonContext.Default.LinkResponse);
        return null;
    }
}
