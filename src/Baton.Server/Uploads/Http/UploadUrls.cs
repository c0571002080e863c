using Baton.Server.Auth;
using Baton.Server.Files;
using Baton.Server.Hosting;
using Microsoft.AspNetCore.Http;

namespace Baton.Server.Uploads.Http;

/// <summary>URLs the upload endpoints hand out: an upload resource's, and the download URL of the file an upload became.</summary>
public static class UploadUrls
{
    public const string FileUrlHeader = Baton.Protocol.Fields.BatonFieldNames.FileUrl;

    /// <summary>The upload resource's absolute path (absolute URL on <see cref="BatonOptions.PublicBaseUrl"/> when set): the creation URL (this request's path) plus the id — signed when the caller
    /// is a signed upload link (<see cref="UploadAccess.Location"/>).</summary>
    public static string Upload(HttpRequest creation, string id) => PublicUrls.Reference(creation.HttpContext,
        UploadAccess.Location(creation.HttpContext, (creation.PathBase + creation.Path).Value!.TrimEnd('/') + "/" + id));

    /// <summary>The download path (absolute on <see cref="BatonOptions.PublicBaseUrl"/> when set) of a placed file (via <see cref="FileLinks"/>) as <paramref name="files"/> presents it to the
    /// caller (relative to its scope), or null when it is not inside ROOT or not inside the caller's scope.</summary>
    public static string? File(HttpRequest request, BatonRoot root, string baseOfBaton, string? placedPath, StoredFiles files)
    {
        if (placedPath is null || !root.Contains(placedPath))
        {
            return null;
        }
        var relative = Path.GetRelativePath(root.FullPath, placedPath).Replace(Path.DirectorySeparatorChar, '/');
        if (Baton.Protocol.Paths.RelativePath.TryParse(relative, allowHidden: true, out var name) != Baton.Protocol.Paths.PathCheck.Valid
            || files.Present(name) is not { } shown)
        {
            return null;
        }
        return PublicUrls.Reference(request.HttpContext, FileLinks.Download(shown.ToString(), request.PathBase.Value + baseOfBaton));
    }
}
