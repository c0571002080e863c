using Baton.Server.Auth;
using Baton.Server.Hosting;
using Baton.Server.Uploads.Completion;
using Baton.Server.Uploads.Events;
using Baton.Server.Uploads.Expiry;
using Baton.Server.Uploads.Ietf;
using Baton.Server.Uploads.Instant;
using Baton.Server.Uploads.Tus;
using Baton.Storage;
using Baton.Storage.Possession;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Baton.Server.Uploads;

/// <summary>Registration and routes of the resumable upload endpoints (tus 1.0 and IETF Resumable Uploads).</summary>
public static class UploadEndpoints
{
    public const string CollectionPattern = "/uploads";
    public const string ResourcePattern = "/uploads/{id}";

    /// <summary>
    /// Registers the upload endpoints over the <see cref="IUploadStore"/> of the storage backend (AddBatonStorage), unless the
    /// application registered its own first; its capabilities are discovered once.
    /// </summary>
    public static IServiceCollection AddBatonUploads(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => StoreCapabilities.Discover(sp.GetRequiredService<IUploadStore>()));
        services.TryAddSingleton(sp => new UploadDiscovery(
            sp.GetRequiredService<StoreCapabilities>(), sp.GetRequiredService<IOptions<BatonOptions>>().Value.Uploads));
        services.TryAddSingleton<UploadEventDispatcher>();
        services.TryAddSingleton<UploadCompletion>();
        services.TryAddSingleton<ContentLookup>();
        services.TryAddSingleton<ContentDedupe>();
        services.TryAddSingleton<IProofChallenges, MemoryProofChallenges>();
        services.TryAddSingleton<InstantCompletion>();
        services.TryAddSingleton<PossessionProofs>();
        services.TryAddSingleton<TusCreation>();
        services.TryAddSingleton<TusUploadResource>();
        services.TryAddSingleton<IetfResponses>();
        services.TryAddSingleton<IetfAppending>();
        services.TryAddSingleton<IetfCreation>();
        services.TryAddSingleton<IetfUploadResource>();
        services.TryAddSingleton<IetfEndpoint>();
        services.TryAddSingleton<UploadTermination>();
        services.TryAddSingleton<UploadDispatcher>();
        services.TryAddSingleton<UploadAccess>();
        services.TryAddSingleton<UploadExpiryService>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UploadRecoveryService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, UploadExpiryService>(sp => sp.GetRequiredService<UploadExpiryService>()));
        return services;
    }

    public static IEndpointRouteBuilder MapUploads(this IEndpointRouteBuilder endpoints)
    {
        var dispatcher = endpoints.ServiceProvider.GetRequiredService<UploadDispatcher>();
        var limits = endpoints.ServiceProvider.GetRequiredService<BatonRateLimits>();
        // OPTIONS (tus discovery, CORS preflight) carries no credentials by design: open.
        endpoints.MapMethods(CollectionPattern, ["OPTIONS"], dispatcher.CollectionAsync);
        endpoints.MapMethods(ResourcePattern, ["OPTIONS"], dispatcher.ResourceAsync);
        // As a Delegate (not a RequestDelegate) so the endpoint takes filters: the per-caller creation limit.
        endpoints.MapMethods(CollectionPattern, ["POST"], (Delegate)((HttpContext context) => dispatcher.CollectionAsync(context)))
            .RequireAuthorization(BatonPolicies.Upload)
            .AddEndpointFilter(limits.UploadCreation);
        // POST on a resource is for X-HTTP-Method-Override (tus §X-HTTP-Method-Override) and for answering a proof-of-possession
        // challenge (Baton-Proof); GET is the IETF editor's copy's offset retrieval.
        endpoints.MapMethods(ResourcePattern, ["HEAD", "GET", "PATCH", "DELETE", "POST"], dispatcher.ResourceAsync)
            .RequireAuthorization(BatonPolicies.Upload);
        return endpoints;
    }
}
