using System.Collections.Frozen;
using System.Security.Cryptography;
using Baton.Protocol.Validators;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace Baton.Server.Page;

/// <summary>
/// The bundled page (index.html and assets/*), embedded in this assembly at build time so that no host needs Node or
/// a wwwroot folder. Each file gets a strong ETag from its SHA-256, and responses revalidate (<c>no-cache</c>) so an
/// upgraded server is picked up at the next load.
/// </summary>
public sealed class PageAssets
{
    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".txt"] = "text/plain; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly IFileProvider _files;
    private readonly FrozenDictionary<string, EntityTag> _tags;

    public PageAssets()
        : this(new ManifestEmbeddedFileProvider(typeof(PageAssets).Assembly, "wwwroot"))
    {
    }

    public PageAssets(IFileProvider files)
    {
        _files = files;
        _tags = Enumerate("").ToFrozenDictionary(path => path, path => HashOf(_files.GetFileInfo(path)), StringComparer.Ordinal);
    }

    public const string DocumentPath = "index.html";

    /// <summary>Whether <paramref name="path"/> ('/'-separated, below wwwroot) is one of the page's files.</summary>
    public bool Contains(string path) => _tags.ContainsKey(path);

    /// <summary>Writes the file at <paramref name="path"/>, or 304 when the client's copy is current (RFC 9110 §13.1.2).</summary>
    public async Task WriteAsync(HttpContext context, string path)
    {
        var response = context.Response;
        var tag = _tags[path];
        response.Headers.ETag = tag.ToString();
        response.Headers.CacheControl = "no-cache";
        if (EntityTagList.TryParse(context.Request.Headers.IfNoneMatch.ToString(), out var ifNoneMatch)
            && context.Request.Headers.IfNoneMatch.Count > 0
            && (ifNoneMatch.IsAny || ifNoneMatch.AnyWeak(tag)))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var file = _files.GetFileInfo(path);
        response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
        response.ContentLength = file.Length;
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }
        await using var stream = file.CreateReadStream();
        await stream.CopyToAsync(response.Body, context.RequestAborted);
    }

    private IEnumerable<string> Enumerate(string directory)
    {
        // The embedded provider lists its root as "/", not "".
        foreach (var entry in _files.GetDirectoryContents(directory.Length == 0 ? "/" : directory))
        {
            var path = directory.Length == 0 ? entry.Name : directory + "/" + entry.Name;
            if (entry.IsDirectory)
            {
                foreach (var nested in Enumerate(path))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private static EntityTag HashOf(IFileInfo file)
    {
        using var stream = file.CreateReadStream();
        return EntityTag.Strong(Convert.ToHexStringLower(SHA256.HashData(stream))[..32]);
    }
}
