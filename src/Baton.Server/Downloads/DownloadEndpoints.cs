using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Downloads;

/// <summary>Registration and routes of <c>GET|HEAD /files/{**path}</c>.</summary>
public static class DownloadEndpoints
{
    public static IServiceCollection AddBatonDownloads(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapDownloads(this IEndpointRouteBuilder endpoints) => endpoints;
}
