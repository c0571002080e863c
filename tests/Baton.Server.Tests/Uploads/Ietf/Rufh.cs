using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Baton.Server.Tests.Uploads.Ietf;

/// <summary>Builds raw IETF Resumable Uploads requests of one interop version (no client library: every header is the test's).</summary>
public static class Rufh
{
    public const string Iana = "https://iana.org/assignments/http-problem-types#";
    public const string PartialUpload = "application/partial-upload";

    public static HttpRequestMessage Request(int version, HttpMethod method, string url, bool? complete = null, long? offset = null,
        byte[]? body = null, string contentType = PartialUpload)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Upload-Draft-Interop-Version", version.ToString(CultureInfo.InvariantCulture));
        if (complete is bool c)
        {
            request.Headers.TryAddWithoutValidation("Upload-Complete", c ? "?1" : "?0");
        }
        if (offset is long o)
        {
            request.Headers.TryAddWithoutValidation("Upload-Offset", o.ToString(CultureInfo.InvariantCulture));
        }
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }
        return request;
    }

    /// <summary>A creation (POST /uploads) carrying <paramref name="body"/> as the start of a file named <paramref name="fileName"/>.</summary>
    public static HttpRequestMessage Create(int version, bool complete, byte[] body, string? fileName = "ietf.bin", long? length = null)
    {
        var request = Request(version, HttpMethod.Post, "uploads", complete, body: body, contentType: "application/octet-stream");
        if (fileName is not null)
        {
            request.Content!.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileName = fileName };
        }
        if (length is long l)
        {
            request.Headers.TryAddWithoutValidation("Upload-Length", l.ToString(CultureInfo.InvariantCulture));
        }
        return request;
    }

    public static HttpRequestMessage Patch(int version, string location, long offset, bool complete, byte[] body) =>
        Request(version, HttpMethod.Patch, location, complete, offset, body);

    public static async Task<string> CreateAsync(HttpClient client, int version, byte[] start, string fileName = "ietf.bin", long? length = null)
    {
        using var response = await client.SendAsync(Create(version, false, start, fileName, length));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>The problem body, after checking its status, media type and type.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status, string type)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var body = document.RootElement.Clone();
        Assert.Equal(type, body.GetProperty("type").GetString());
        return body;
    }

    public static string? Header(HttpResponseMessage response, string name) => Tus.Header(response, name);

    public static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
