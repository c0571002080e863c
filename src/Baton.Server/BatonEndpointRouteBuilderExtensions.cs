using Baton.Server.Auth;
using Baton.Server.Downloads;
using Baton.Server.Files;
using Baton.Server.Operations;
using Baton.Server.Page;
using Baton.Server.Problems;
using Baton.Server.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Baton.Server;

/// <summary>Maps Baton's endpoints; the returned group takes conventions (authorization, rate limiting…) for all of them.</summary>
public static class BatonEndpointRouteBuilderExtensions
{
    public static RouteGroupBuilder MapBaton(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<IOptions<BatonOptions>>().Value;
        var group = endpoints.MapGroup(options.PathBase);
        group.AddEndpointFilter(StorageFaults.FilterAsync);
        group.MapReadiness();
        group.MapMetrics(options.Metrics);
        group.MapDownloads();
        group.MapFilesApi();
        group.MapLinks();
        group.MapUploads();
        group.MapPage();
        return group;
    }
}
