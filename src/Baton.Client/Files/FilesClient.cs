using Baton.Client.Requests;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Baton.Client.Transfers;

namespace Baton.Client.Files;

/// <summary>Baton's Files API (docs/files-api.md): list a folder, delete a file.</summary>
public sealed class FilesClient(HttpClient http)
{
    /// <summary>
    /// Lists a folder. <paramref name="url"/> may be the server's base URL (the root), a folder under <c>/files/</c>,
    /// or an <c>/api/files?path=…</c> URL as given in a listing's entries.
    /// </summary>
    public async Task<FolderListing> ListAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var api = ListingUrl(url);
        using var response = await http.GetAsync(api, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(api, response, cancellationToken);
        }
        try
        {
            return await response.Content.ReadFromJsonAsync(FilesJsonContext.Default.FolderListing, cancellationToken)
                ?? throw new TransferException(TransferFailure.Protocol, $"{api}: empty listing");
        }
        catch (JsonException e)
        {
            throw new TransferException(TransferFailure.Protocol, $"{api}: not a Baton folder listing ({e.Message})", e);
        }
    }

    /// <summary>Deletes the file at <paramref name="fileUrl"/> (<c>DELETE /files/{path}</c> → 204).</summary>
    public async Task DeleteAsync(Uri fileUrl, CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync(fileUrl, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw await FailureAsync(fileUrl, response, cancellationToken);
        }
    }

    /// <summary>
    /// Maps a base, folder or API URL to the listing endpoint. Whatever precedes <c>/files/</c> or <c>/api/files</c> in the path is
    /// the server's path base (Baton may be mounted below the root); a URL with neither is the base itself.
    /// </summary>
    public static Uri ListingUrl(Uri url)
    {
        var path = url.AbsolutePath;
        if (path.Contains("/api/files", StringComparison.Ordinal))
        {
            return url;
        }
        var files = path.IndexOf("/files/", StringComparison.Ordinal);
        var pathBase = (files >= 0 ? path[..files] : path).TrimEnd('/');
        var api = url.GetLeftPart(UriPartial.Authority) + pathBase + "/api/files";
        if (files < 0)
        {
            return new Uri(api);
        }
        var folder = Uri.UnescapeDataString(path[(files + "/files/".Length)..].Trim('/'));
        return new Uri(folder.Length == 0 ? api : api + "?path=" + Uri.EscapeDataString(folder));
    }

    private static async Task<TransferException> FailureAsync(Uri url, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var detail = await ProblemDetail.ReadAsync(response, cancellationToken);
        var message = $"{url}: {status} {response.ReasonPhrase}{(detail is null ? "" : " — " + detail)}";
        var failure = response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone ? TransferFailure.NotFound
            : RetryPolicy.IsTransientStatus(status) ? TransferFailure.Network
            : TransferFailure.HttpError;
        return new TransferException(failure, message) { StatusCode = status };
    }
}
