using System.Text.Encodings.Web;
using System.Text.Json;
using Baton.Protocol.Paths;
using Baton.Server.Auth;
using Microsoft.Extensions.DependencyInjection;
using Baton.Protocol.Problems;
using Baton.Server.Digests;
using Baton.Server.Http;
using Baton.Server.Problems;
using Baton.Storage.Files;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Baton.Server.Files;

/// <summary>The Files API: <c>GET /api/files[?path=DIR]</c> lists a folder (docs/files-api.md).</summary>
public static class FilesEndpoints
{
    public const string ListPath = "/api/files";

    // Names are user data in any script; keep them readable in the JSON instead of \uXXXX escapes (still valid JSON).
    private static readonly JsonSerializerOptions JsonOptions = new(FilesJsonContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IEndpointRouteBuilder MapFilesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ListPath, ListAsync)
            .AddEndpointFilter<ProblemAnswers>()
            .RequireAuthorization(BatonPolicies.List)
            .AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<BatonRateLimits>().Api)
            .WithCrossOrigin()
            .WithName("BatonListFiles");
        endpoints.MapCrossOriginPreflights(ListPath);
        endpoints.MapFolderApi();
        return endpoints;
    }

    /// <returns>The problem to answer with (<see cref="ProblemAnswers"/> writes it), or null once the listing is written.</returns>
    private static async Task<ProtocolError?> ListAsync(HttpContext context, StoredFiles files, IFileSource source, IFileDigests digests,
        DigestQueue queue, IOptions<BatonOptions> options)
    {
        var requested = context.Request.Query["path"].ToString();
        switch (files.Resolve(requested, out var relative))
        {
            case PathCheck.Invalid:
                return ProtocolErrors.InvalidPath;
            case PathCheck.Hidden:
                return ProtocolErrors.NotFound;
        }
        if (await source.ListAsync(relative, context.RequestAborted) is not { } listed)
        {
            return ProtocolErrors.NotFound;
        }

        var pathBase = options.Value.PathBase;
        var entries = new List<FileEntry>(listed.Count);
        foreach (var stat in listed)
        {
            if (files.Check(stat.Path.ToString(), out var child) != PathCheck.Valid)
            {
                continue; // hidden or unsafe: not listed
            }
            var childPath = child.ToString();
            // What the caller is shown: relative to its scope (a scoped caller's root is its folder).
            var shown = (files.Present(child) ?? child).ToString();
            if (stat.Kind == FileKind.Directory)
            {
                entries.Add(new FileEntry(stat.Name, shown, FileEntry.DirectoryType, null, stat.LastModified, null, null,
                    $"{pathBase.TrimEnd('/')}{ListPath}?path={Uri.EscapeDataString(shown)}"));
            }
            else if (stat is { Kind: FileKind.File, Version: { } version })
            {
                string? sha = null;
                if (digests.TryGet(childPath, version, out var digest))
                {
                    sha = Convert.ToHexStringLower(digest);
                }
                else
                {
                    queue.Enqueue(childPath);
                }
                entries.Add(new FileEntry(stat.Name, shown, FileEntry.FileType, version.Length, version.LastModified,
                    version.ETag.ToString(), sha, FileLinks.Download(shown, pathBase)));
            }
        }
        entries.Sort((a, b) => (a.Type, b.Type) switch
        {
            (FileEntry.DirectoryType, FileEntry.FileType) => -1,
            (FileEntry.FileType, FileEntry.DirectoryType) => 1,
            _ => string.CompareOrdinal(a.Name, b.Name),
        });
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new FileListing((files.Present(relative) ?? RelativePath.Root).ToString(), entries), JsonOptions);
        return null;
    }
}
