using Baton.Client.Requests;
using System.Net;
using System.Net.Http.Headers;
using Baton.Client.Transfers;
using Baton.Protocol.Digests;
using Baton.Protocol.Fields;
using Baton.Protocol.Ranges;
using Baton.Protocol.Validators;

namespace Baton.Client.Downloads;

/// <summary>
/// Asks for the first byte (<c>Range: bytes=0-0</c>) to learn the length, validators, name and digest in one small request:
/// 206 means ranges work, 200 means the server ignores Range (RFC 9110 §14.2 allows that), 416 with <c>*/0</c> is an empty file.
/// </summary>
public static class RemoteProbe
{
    public static async Task<RemoteResource> ProbeAsync(HttpClient http, Uri url, bool wantDigest, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Range = new RangeHeaderValue(0, 0);
        if (wantDigest)
        {
            request.Headers.TryAddWithoutValidation(WantDigest.HeaderName, "sha-256=10, sha-512=3");
        }
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        var finalUrl = response.RequestMessage?.RequestUri ?? url;
        long? length;
        bool ranges;
        switch (response.StatusCode)
        {
            case HttpStatusCode.PartialContent:
                var range = ParseContentRange(response) ?? throw new TransferException(TransferFailure.Protocol,
                    $"{url}: 206 response without a valid Content-Range");
                if (range.First != 0)
                {
                    throw new TransferException(TransferFailure.Protocol, $"{url}: asked for byte 0, server sent {range}");
                }
                length = range.CompleteLength;
                ranges = length is not null;
                break;
            case HttpStatusCode.OK:
                length = response.Content.Headers.ContentLength;
                ranges = false;
                break;
            case HttpStatusCode.RequestedRangeNotSatisfiable when ParseContentRange(response) is { CompleteLength: 0 }:
                length = 0;
                ranges = true;
                break;
            default:
                throw await StatusFailureAsync(url, response, cancellationToken);
        }
        return new RemoteResource(
            finalUrl,
            length,
            ranges,
            ParseETag(response),
            ParseLastModified(response),
            HeaderValue(response, ReprDigest.HeaderName),
            response.Content.Headers.ContentDisposition,
            response.Headers.Date);
    }

    /// <summary>The exception for a status that ends (or, if transient, retries) a request.</summary>
    public static Exception StatusFailure(Uri url, HttpResponseMessage response, string? detail = null)
    {
        var status = (int)response.StatusCode;
        var text = $"{url}: server answered {status} {response.ReasonPhrase}{(detail is null ? "" : " — " + detail)}";
        if (RetryPolicy.IsTransientStatus(status))
        {
            return new TransientHttpException(text, status);
        }
        if (status == 507)
        {
            return new TransferException(TransferFailure.ServerStorageFull,
                $"{url}: the server's storage is full (507); what it received is kept — rerun the same command once space is freed")
            { StatusCode = status };
        }
        return new TransferException(status is 404 or 410 ? TransferFailure.NotFound : TransferFailure.HttpError, text) { StatusCode = status };
    }

    /// <summary><see cref="StatusFailure"/> with the problem+json detail the server gave, if any.</summary>
    public static async Task<Exception> StatusFailureAsync(Uri url, HttpResponseMessage response, CancellationToken cancellationToken) =>
        StatusFailure(url, response, await ProblemDetail.ReadAsync(response, cancellationToken));

    public static ContentRange? ParseContentRange(HttpResponseMessage response) =>
        HeaderValue(response, BatonFieldNames.ContentRange) is { } value && ContentRange.TryParse(value, out var range) ? range : null;

    public static EntityTag? ParseETag(HttpResponseMessage response) =>
        HeaderValue(response, BatonFieldNames.ETag) is { } value && EntityTag.TryParse(value, out var tag) ? tag : null;

    public static DateTimeOffset? ParseLastModified(HttpResponseMessage response) =>
        HeaderValue(response, BatonFieldNames.LastModified) is { } value && HttpDate.TryParse(value, out var date) ? date : null;

    /// <summary>A header's raw value from either the response or the content headers (HttpClient files them separately).</summary>
    public static string? HeaderValue(HttpResponseMessage response, string name)
    {
        if (response.Headers.NonValidated.TryGetValues(name, out var values) ||
            response.Content.Headers.NonValidated.TryGetValues(name, out values))
        {
            return string.Join(", ", values);
        }
        return null;
    }
}
