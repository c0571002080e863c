using Baton.Protocol.Paths;
using Baton.Server.Auth;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Baton.Server.Files;

/// <summary>
/// Checks request paths under this server's hidden-file policy before any storage is asked (<see cref="RelativePath"/>); the
/// file source then confines what a checked name can reach (links out of the root, Baton's state folder). A caller confined to
/// a folder (<see cref="CallerScope"/>) names and is shown paths relative to it: <see cref="Resolve"/> and <see cref="Present"/>
/// are the only two places that translate, so no endpoint handles scopes on its own.
/// </summary>
public sealed class StoredFiles(IOptions<BatonOptions> options, IHttpContextAccessor http)
{
    /// <summary>Checks a root-relative name under this server's hidden-file policy (no scope applied).</summary>
    public PathCheck Check(string? requestPath, out RelativePath path) =>
        RelativePath.TryParse(requestPath, options.Value.Downloads.ServeHiddenFiles, out path);

    /// <summary>A path as the current caller names it, checked and turned into the server's name (below its scope, if any).</summary>
    public PathCheck Resolve(string? requestPath, out RelativePath path)
    {
        var check = Check(requestPath, out path);
        if (check == PathCheck.Valid && Scope is { } scope)
        {
            path = scope.ToRoot(path);
        }
        return check;
    }

    /// <summary>The server's name <paramref name="rootPath"/> as the current caller is shown it; null when outside its scope.</summary>
    public RelativePath? Present(RelativePath rootPath) => Scope is { } scope ? scope.FromRoot(rootPath) : rootPath;

    /// <summary>The current caller's scope, or null for the whole root. Parsed once per request: a listing presents every
    /// entry through it, and re-reading the claims per entry showed up in folder listings of thousands of files.</summary>
    public CallerScope? Scope
    {
        get
        {
            if (http.HttpContext is not { } context)
            {
                return null;
            }
            if (context.Items.TryGetValue(ScopeKey, out var cached) && cached is ScopeOfRequest known && ReferenceEquals(known.User, context.User))
            {
                return known.Scope;
            }
            var scope = BatonCaller.From(context.User)?.Confinement;
            context.Items[ScopeKey] = new ScopeOfRequest(context.User, scope);
            return scope;
        }
    }

    private static readonly object ScopeKey = new();

    /// <summary>The scope computed for one principal (a later authentication step may replace the principal).</summary>
    private sealed record ScopeOfRequest(System.Security.Claims.ClaimsPrincipal User, CallerScope? Scope);
}
