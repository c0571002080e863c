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
            if (response.StatusCode == HttpStatusCode.NotFound && FileUrl(url) is { } file && await AnswersAsync(HttpMethod.Head, file, cancellationToken))
            {
                throw new TransferException(TransferFailure.WrongTarget,
                    $"{url} is a file, not a folder: baton ls lists folders (baton get {file} downloads it)") { StatusCode = 404 };
            }
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
            if (response.StatusCode == HttpStatusCode.NotFound && await AnswersAsync(HttpMethod.Get, ListingUrl(fileUrl), cancellationToken))
            {
                throw new TransferException(TransferFailure.WrongTarget,
                    $"{fileUrl} is a folder: baton rm deletes one file at a time (folders are not deleted; baton ls {fileUrl} lists it)") { StatusCode = 404 };
            }
            throw await FailureAsync(fileUrl, response, cancellationToken);
        }
    }

    /// <summary>The download URL (<c>/files/…</c>) of a listing target, when it names something below the root.</summary>
    private static Uri? FileUrl(Uri url)
    {
        var api = ListingUrl(url);
        var query = System.Web.HttpUtility.ParseQueryString(api.Query)["path"];
        if (string.IsNullOrEmpty(query))
        {
            return null;
        }
        var pathBase = api.AbsolutePath[..api.AbsolutePath.IndexOf("/api/files", StringComparison.Ordinal)];
        var escaped = string.Join('/', query.Split('/').Select(Uri.EscapeDataString));
        return new Uri(api.GetLeftPart(UriPartial.Authority) + pathBase + "/files/" + escaped);
    }

    /// <summary>Whether <paramref name="url"/> answers 2xx: what a 404 meant (a file where a folder was expected, or the reverse).</summary>
    private async Task<bool> AnswersAsync(HttpMethod method, Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        return response.IsSuccessStatusCode;
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
