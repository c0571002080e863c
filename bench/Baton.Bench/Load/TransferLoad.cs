using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;

namespace Baton.Bench.Load;

/// <summary>Client-side load for the memory case: tus uploads (POST + one streaming PATCH) and full downloads, drained through a pooled buffer.</summary>
public sealed class TransferLoad(HttpClient client)
{
    public async Task UploadAsync(long length, CancellationToken cancellation)
    {
        using var create = new HttpRequestMessage(HttpMethod.Post, "uploads");
        create.Headers.Add("Tus-Resumable", "1.0.0");
        create.Headers.Add("Upload-Length", length.ToString(CultureInfo.InvariantCulture));
        create.Headers.Add("Upload-Metadata", "filename " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"load-{Guid.NewGuid():N}.bin")));
        using var created = await client.SendAsync(create, cancellation);
        created.EnsureSuccessStatusCode();
        using var patch = new HttpRequestMessage(HttpMethod.Patch, created.Headers.Location);
        patch.Headers.Add("Tus-Resumable", "1.0.0");
        patch.Headers.Add("Upload-Offset", "0");
        patch.Content = new StreamContent(new PatternStream(length), 256 * 1024);
        patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        patch.Content.Headers.ContentLength = length;
        using var patched = await client.SendAsync(patch, cancellation);
        patched.EnsureSuccessStatusCode();
    }

    public async Task<long> DownloadAsync(string path, CancellationToken cancellation)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellation);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync(cancellation);
        var buffer = ArrayPool<byte>.Shared.Rent(256 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellation)) > 0)
            {
                total += read;
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
