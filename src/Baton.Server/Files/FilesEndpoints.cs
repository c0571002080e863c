using Microsoft.AspNetCore.Routing;

namespace Baton.Server.Files;

/// <summary>The Files API: <c>GET /api/files[?path=DIR]</c>.</summary>
public static class FilesEndpoints
{
    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder endpoints) => endpoints;
}
