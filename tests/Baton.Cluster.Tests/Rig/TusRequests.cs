using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Baton.Protocol.Tus;

namespace Baton.Cluster.Tests.Rig;

/// <summary>tus 1.0 requests made by hand (creation, PATCH at an offset, HEAD), to aim each at a chosen instance or at nginx.</summary>
public static class TusRequests
{
    /// <summary>POST to <c>BASE/uploads</c>; returns the response (201 with Location, or a problem).</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, Uri server, long length, string name, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "uploads"));
        request.Headers.TryAddWithoutValidation(TusHeaders.Resumable, TusHeaders.Version);
        request.Headers.TryAddWithoutValidation(TusHeaders.UploadLength, length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(TusHeaders.UploadMetadata, "filename " + Convert.ToBase64String(Encoding.UTF8.GetBytes(name)));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await http.SendAsync(request);
    }

    /// <summary>Creates an upload and returns its path (the same on every instance: Location is relative to the public base).</summary>
    public static async Task<string> CreateAsync(HttpClient http, Uri server, long length, string name, string? token = null)
    {
        using var response = await PostAsync(http, server, length, name, token);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Location!.IsAbsoluteUri ? response.Headers.Location.AbsolutePath : response.Headers.Location.OriginalString;
    }

    public static HttpRequestMessage Patch(Uri server, string upload, long offset, HttpContent body, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(server, upload)) { Content = body };
        request.Headers.TryAddWithoutValidation(TusHeaders.Resumable, TusHeaders.Version);
        request.Headers.TryAddWithoutValidation(TusHeaders.UploadOffset, offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        body.Headers.ContentType = new MediaTypeHeaderValue(TusHeaders.OffsetOctetStream);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return request;
    }

    public static async Task<HttpResponseMessage> HeadAsync(HttpClient http, Uri server, string upload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(server, upload));
        request.Headers.TryAddWithoutValidation(TusHeaders.Resumable, TusHeaders.Version);
        return await http.SendAsync(request);
    }

    /// <summary>The offset <paramref name="server"/> reports for the upload (HEAD must succeed).</summary>
    public static async Task<long> OffsetAsync(HttpClient http, Uri server, string upload)
    {
        using var response = await HeadAsync(http, server, upload);
        Assert.True(response.IsSuccessStatusCode, $"HEAD {server}{upload}: {response.StatusCode}");
        return OffsetOf(response);
    }

    public static long OffsetOf(HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues(TusHeaders.UploadOffset).Single(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sends the rest of <paramref name="content"/> from the offset <paramref name="server"/> reports; returns the final offset.</summary>
    public static async Task<long> CompleteAsync(HttpClient http, Uri server, string upload, byte[] content)
    {
        var offset = await OffsetAsync(http, server, upload);
        if (offset == content.Length)
        {
            return offset;
        }
        using var response = await http.SendAsync(Patch(server, upload, offset, new ByteArrayContent(content, (int)offset, content.Length - (int)offset)));
        Assert.True(response.IsSuccessStatusCode, $"PATCH from {offset}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return OffsetOf(response);
    }
}
