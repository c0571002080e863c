using Baton.Protocol.Paths;
using Baton.Protocol.Problems;
using Baton.Server.Auth;
using Baton.Server.Http;
using Baton.Server.Problems;
using Baton.Storage.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Files;

/// <summary>
/// The Files API's changes (issue 14 item 2, docs/files-api.md): <c>POST /api/files/folders?path=DIR</c> creates a folder,
/// <c>POST /api/files/move?from=A&amp;to=B[&amp;overwrite=true]</c> renames or moves a file or folder, <c>DELETE
/// /api/files?path=DIR[&amp;recursive=true]</c> deletes a folder. Existing names are checked like every request path
/// (<see cref="StoredFiles"/>); new names by the stricter <see cref="NewEntryPath"/> rules; the change goes through
/// <see cref="IFileTree"/>.
/// </summary>
public static class FolderEndpoints
{
    public const string FoldersPath = FilesEndpoints.ListPath + "/folders";
    public const string MovePath = FilesEndpoints.ListPath + "/move";

    public static IEndpointRouteBuilder MapFolderApi(this IEndpointRouteBuilder endpoints)
    {
        var limits = endpoints.ServiceProvider.GetRequiredService<BatonRateLimits>();
        endpoints.MapPost(FoldersPath, CreateAsync).RequireAuthorization(BatonPolicies.Upload)
            .AddEndpointFilter(limits.Api).WithCrossOrigin().WithName("BatonCreateFolder");
        // A move removes the source name (and with overwrite replaces a file): it needs delete as well as upload.
        endpoints.MapPost(MovePath, MoveAsync).RequireAuthorization(BatonPolicies.Upload, BatonPolicies.Delete)
            .AddEndpointFilter(limits.Api).WithCrossOrigin().WithName("BatonMove");
        endpoints.MapDelete(FilesEndpoints.ListPath, DeleteAsync).RequireAuthorization(BatonPolicies.Delete)
            .AddEndpointFilter(limits.Api).WithCrossOrigin().WithName("BatonDeleteFolder");
        endpoints.MapCrossOriginPreflights(FoldersPath);
        endpoints.MapCrossOriginPreflights(MovePath);
        return endpoints;
    }

    private static async Task CreateAsync(HttpContext context, IFileSource source, StoredFiles files)
    {
        var error = NewPath(files, context.Request.Query["path"].ToString(), out var folder)
            ?? (source.Capabilities.Tree is { } tree
                ? TreeProblems.For(await tree.CreateFolderAsync(folder, context.RequestAborted))
                : ReadOnly);
        await AnswerAsync(context, error, StatusCodes.Status201Created);
    }

    private static async Task MoveAsync(HttpContext context, IFileSource source, StoredFiles files, ContentTracking contents)
    {
        var query = context.Request.Query;
        var overwrite = string.Equals(query["overwrite"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var error = ExistingPath(files, query["from"].ToString(), out var from);
        var to = RelativePath.Root;
        error ??= NewPath(files, query["to"].ToString(), out to);
        if (error is null && source.Capabilities.Tree is { } tree)
        {
            var moving = await contents.BeforeChangeAsync(from, context.RequestAborted);
            var outcome = await tree.MoveAsync(from, to, overwrite, context.RequestAborted);
            error = TreeProblems.For(outcome);
            if (error is null && moving is not null)
            {
                await contents.MovedAsync(moving, to, CancellationToken.None);
            }
        }
        else
        {
            error ??= ReadOnly;
        }
        await AnswerAsync(context, error, StatusCodes.Status204NoContent);
    }

    private static async Task DeleteAsync(HttpContext context, IFileSource source, StoredFiles files)
    {
        var query = context.Request.Query;
        var recursive = string.Equals(query["recursive"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var error = ExistingPath(files, query["path"].ToString(), out var folder)
            ?? (files.Present(folder) is not { IsRoot: false } ? ProtocolErrors.MethodNotAllowed.WithDetail("The root folder cannot be deleted.") : null)
            ?? (source.Capabilities.Tree is { } tree
                ? TreeProblems.For(await tree.DeleteFolderAsync(folder, recursive, context.RequestAborted))
                : ReadOnly);
        await AnswerAsync(context, error, StatusCodes.Status204NoContent);
    }

    private static ProtocolError ReadOnly => ProtocolErrors.MethodNotAllowed.WithDetail("This storage does not manage folders.");

    /// <summary>A path to create, as the caller names it, turned into the server's name (below the caller's scope).</summary>
    private static ProtocolError? NewPath(StoredFiles files, string value, out RelativePath path)
    {
        var check = NewEntryPath.TryParse(value, PathLimits.Default, allowHidden: false, out path);
        if (check != NewPathCheck.Valid)
        {
            return ProtocolErrors.ForNewPath(check, PathLimits.Default);
        }
        if (path.IsRoot)
        {
            return ProtocolErrors.AlreadyExists.WithDetail("The root folder always exists.");
        }
        path = files.Scope is { } scope ? scope.ToRoot(path) : path;
        return null;
    }

    private static ProtocolError? ExistingPath(StoredFiles files, string value, out RelativePath path) =>
        files.Resolve(value, out path) switch
        {
            PathCheck.Invalid => ProtocolErrors.InvalidPath,
            PathCheck.Hidden => ProtocolErrors.NotFound,
            _ => null,
        };

    private static async Task AnswerAsync(HttpContext context, ProtocolError? error, int status)
    {
        if (error is not null)
        {
            await ProblemResponder.WriteAsync(context, error);
            return;
        }
        context.Response.Headers.CacheControl = "no-store";
        context.Response.StatusCode = status;
    }
}
