using System.Net;
using System.Net.Http.Headers;

namespace Baton.Storage.S3.Tests.Serve;

/// <summary>One whole-file tus creation-with-upload through a Baton server, so the object lands with Baton's metadata (SHA-256).</summary>
internal static class TusUpload
{
    public static async Task UploadAsync(HttpClient client, byte[] content, string name)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "uploads");
        create.Headers.TryAddWithoutValidation("Tus-Resumable", "1.0.0");
        create.Headers.TryAddWithoutValidation("Upload-Length", content.Length.ToString());
        create.Headers.TryAddWithoutValidation("Upload-Metadata", "filename " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(name)));
        create.Content = new ByteArrayContent(content);
        create.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        using var response = await client.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(content.Length.ToString(), response.Headers.GetValues("Upload-Offset").Single());
    }
}
