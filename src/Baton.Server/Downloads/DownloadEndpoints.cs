using Baton.Server.Auth;
using Baton.Server.Downloads.Archives;
using Baton.Server.Digests;
using Baton.Server.Http;
using Baton.Server.Files;
using Baton.Server.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Baton.Server.Downloads;

/// <summary>Registration and routes of <c>GET|HEAD /files/{**path}</c> and <c>DELETE /files/{**path}</c>.</summary>
public static class DownloadEndpoints
{
    public static IServiceCollection AddBatonDownloads(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.TryAddSingleton<StoredFiles>();
        services.TryAddSingleton<DigestQueue>();
        services.AddHostedService<DigestWorker>();
        services.TryAddSingleton<DownloadRepresentation>();
        services.TryAddSingleton<DownloadBuffers>();
        services.TryAddSingleton<DownloadHandler>();
        services.TryAddSingleton<FileDeletion>();
        services.TryAddSingleton<ContentTracking>();
        services.TryAddSingleton<FolderEntries>();
        services.TryAddSingleton<ArchiveCrcs>();
        services.TryAddSingleton<FolderArchiveDownload>();
        return services;
    }

    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(FileLinks.DownloadPrefix + "{**path}", [HttpMethods.Get, HttpMethods.Head],
            (HttpContext context, string? path, DownloadHandler handler, FolderArchiveDownload archive) =>
                FolderArchiveDownload.IsRequested(context.Request) ? archive.HandleAsync(context, path) : handler.HandleAsync(context, path))
            .RequireAuthorization(BatonPolicies.Download)
            .WithCrossOrigin()
            .WithName("BatonDownload");
        endpoints.MapDelete(FileLinks.DownloadPrefix + "{**path}",
            (HttpContext context, string? path, FileDeletion deletion) => deletion.HandleAsync(context, path))
            .AddEndpointFilter<ProblemAnswers>()
            .RequireAuthorization(BatonPolicies.Delete)
            .WithCrossOrigin()
            .WithName("BatonDelete");
        endpoints.MapCrossOriginPreflights(FileLinks.DownloadPrefix + "{**path}");
        return endpoints;
    }
}
