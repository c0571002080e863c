using System.Net;
using Baton.Client.Transfers;

namespace Baton.Client.Files;

/// <summary>
/// Folder changes through Baton's Files API (docs/files-api.md "Folders"): create a folder, move or rename a file or folder,
/// delete a folder. Addresses are the URLs users see (<c>…/files/photos/</c>); the API endpoint and the root-relative path
/// are derived from them (whatever precedes <c>/files/</c> is the server's path base).
/// </summary>
public sealed class FolderClient(HttpClient http)
{
    /// <summary><c>POST /api/files/folders?path=DIR</c> (missing folders above it are created too).</summary>
    public Task CreateAsync(Uri folderUrl, CancellationToken cancellationToken = default)
    {
        var (api, path) = Split(folderUrl);
        return SendAsync(HttpMethod.Post, new Uri($"{api}/folders?path={Uri.EscapeDataString(path)}"), folderUrl, cancellationToken);
    }

    /// <summary><c>POST /api/files/move?from=A&amp;to=B</c>: both URLs on the same server.</summary>
    public Task MoveAsync(Uri source, Uri destination, bool overwrite, CancellationToken cancellationToken = default)
    {
        var (api, from) = Split(source);
        var (otherApi, to) = Split(destination);
        if (api != otherApi)
        {
            throw new TransferException(TransferFailure.WrongTarget, $"{destination} is not on the same Baton server as {source}");
        }
        var url = $"{api}/move?from={Uri.EscapeDataString(from)}&to={Uri.EscapeDataString(to)}{(overwrite ? "&overwrite=true" : "")}";
        return SendAsync(HttpMethod.Post, new Uri(url), source, cancellationToken);
    }

    /// <summary><c>DELETE /api/files?path=DIR[&amp;recursive=true]</c>.</summary>
    public Task DeleteAsync(Uri folderUrl, bool recursive, CancellationToken cancellationToken = default)
    {
        var (api, path) = Split(folderUrl);
        var url = $"{api}?path={Uri.EscapeDataString(path)}{(recursive ? "&recursive=true" : "")}";
        return SendAsync(HttpMethod.Delete, new Uri(url), folderUrl, cancellationToken);
    }

    /// <summary>The Files API base (<c>scheme://host/base/api/files</c>) and the root-relative path of a <c>/files/</c> URL.</summary>
    public static (string Api, string Path) Split(Uri url)
    {
        var path = url.AbsolutePath;
        var files = path.IndexOf("/files/", StringComparison.Ordinal);
        if (files < 0)
        {
            throw new TransferException(TransferFailure.WrongTarget, $"{url} is not a file or folder URL (…/files/PATH)");
        }
        var relative = Uri.UnescapeDataString(path[(files + "/files/".Length)..]).Trim('/');
        return (url.GetLeftPart(UriPartial.Authority) + path[..files] + "/api/files", relative);
    }

    private async Task SendAsync(HttpMethod method, Uri api, Uri shown, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, api);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }
        var status = (int)response.StatusCode;
        var detail = await ProblemDetail.ReadAsync(response, cancellationToken);
        var failure = response.StatusCode == HttpStatusCode.NotFound ? TransferFailure.NotFound : TransferFailure.HttpError;
        throw new TransferException(failure, $"{shown}: {status} {response.ReasonPhrase}{(detail is null ? "" : " — " + detail)}")
        {
            StatusCode = status,
        };
    }
}
