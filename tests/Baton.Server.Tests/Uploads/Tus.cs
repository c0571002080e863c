using System.Net.Http.Headers;
using System.Text;

namespace Baton.Server.Tests.Uploads;

/// <summary>Builds raw tus 1.0 requests (no client library, so every header is under the test's control).</summary>
public static class Tus
{
    public const string OctetStream = "application/offset+octet-stream";

    public static HttpRequestMessage Request(HttpMethod method, string url, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Tus-Resumable", "1.0.0");
        foreach (var (name, value) in headers)
        {
            if (name == "Tus-Resumable")
            {
                request.Headers.Remove(name);
            }
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }

    public static HttpRequestMessage Create(long? length, string? fileName = null, params (string Name, string Value)[] headers)
    {
        var all = new List<(string, string)>(headers);
        if (length is long l)
        {
            all.Add(("Upload-Length", l.ToString()));
        }
        if (fileName is not null)
        {
            all.Add(("Upload-Metadata", "filename " + Convert.ToBase64String(Encoding.UTF8.GetBytes(fileName))));
        }
        return Request(HttpMethod.Post, "uploads", [.. all]);
    }

    public static HttpRequestMessage Patch(string location, long offset, byte[] body, params (string Name, string Value)[] headers)
    {
        var request = Request(HttpMethod.Patch, location, [("Upload-Offset", offset.ToString()), .. headers]);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(OctetStream);
        return request;
    }

    public static HttpRequestMessage Head(string location) => Request(HttpMethod.Head, location);

    public static async Task<string> CreateAsync(HttpClient client, long? length, string? fileName = null, params (string Name, string Value)[] headers)
    {
        using var response = await client.SendAsync(Create(length, fileName, headers));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues) : null;

    public static async Task AssertProblemAsync(HttpResponseMessage response, int status, string type)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"type\":\"{type}\"", body);
    }
}
