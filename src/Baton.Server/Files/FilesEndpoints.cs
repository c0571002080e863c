using System.Text.Encodings.Web;
using System.Text.Json;
using Baton.Protocol.Paths;
using Baton.Server.Auth;
using Microsoft.Extensions.DependencyInjection;
using Baton.Protocol.Problems;
using Baton.Server.Digests;
using Baton.Server.Problems;
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
            .RequireAuthorization(BatonPolicies.List)
            .AddEndpointFilter(endpoints.ServiceProvider.GetRequiredService<BatonRateLimits>().Api)
            .WithName("BatonListFiles");
        return endpoints;
    }

    private static async Task ListAsync(HttpContext context, StoredFiles files, IFileDigestCache digests, DigestQueue queue,
        IOptions<BatonOptions> options, TimeProvider time)
    {
        var requested = context.Request.Query["path"].ToString();
        switch (files.Check(requested, out var relative))
        {
            case PathCheck.Invalid:
                await ProblemResponder.WriteAsync(context, ProtocolErrors.InvalidPath);
                return;
            case PathCheck.Hidden:
                await ProblemResponder.WriteAsync(context, ProtocolErrors.NotFound);
                return;
        }
        var full = files.Resolve(relative);
        if (full is null || FileStatus.OfPath(full) is not { IsDirectory: true })
        {
            await ProblemResponder.WriteAsync(context, ProtocolErrors.NotFound);
            return;
        }

        var pathBase = options.Value.PathBase;
        var entries = new List<FileEntry>();
        foreach (var info in new DirectoryInfo(full).EnumerateFileSystemInfos())
        {
            if (files.Check(relative.Append(info.Name).ToString(), out var child) != PathCheck.Valid
                || files.Resolve(child) is not { } real || FileStatus.OfPath(real) is not { } status)
            {
                continue; // hidden, unsafe, dangling, or a link out of the root: not listed
            }
            var childPath = child.ToString();
            if (status.IsDirectory)
            {
                entries.Add(new FileEntry(info.Name, childPath, FileEntry.DirectoryType, null, status.LastModified, null, null,
                    $"{pathBase.TrimEnd('/')}{ListPath}?path={Uri.EscapeDataString(childPath)}"));
            }
            else if (status.IsRegularFile)
            {
                var version = FileVersion.From(status, time.GetUtcNow());
                string? sha = null;
                if (digests.TryGet(real, version, out var digest))
                {
                    sha = Convert.ToHexStringLower(digest);
                }
                else
                {
                    queue.Enqueue(real);
                }
                entries.Add(new FileEntry(info.Name, childPath, FileEntry.FileType, version.Length, version.LastModified,
                    version.ETag.ToString(), sha, FileLinks.Download(childPath, pathBase)));
            }
        }
        entries.Sort((a, b) => (a.Type, b.Type) switch
        {
            (FileEntry.DirectoryType, FileEntry.FileType) => -1,
            (FileEntry.FileType, FileEntry.DirectoryType) => 1,
            _ => string.CompareOrdinal(a.Name, b.Name),
        });
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsJsonAsync(new FileListing(relative.ToString(), entries), JsonOptions);
    }
}
