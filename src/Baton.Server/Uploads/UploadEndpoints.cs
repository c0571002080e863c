using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Uploads;

/// <summary>Registration and routes of the resumable upload endpoints (tus 1.0 and IETF Resumable Uploads).</summary>
public static class UploadEndpoints
{
    public static IServiceCollection AddBatonUploads(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapUploads(this IEndpointRouteBuilder endpoints) => endpoints;
}
