using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Baton.Storage.Hosting;
using Baton.Storage.S3.Hosting;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Storage.S3.Tests.Serve;

/// <summary>The S3 engine going away: uploads and downloads answer 503 with Retry-After and a problem body (no credentials),
/// nothing is acknowledged that S3 does not hold, and the upload carries on once the engine is back.</summary>
[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class S3UnavailableTests(RgwFixture rgw)
{
    private const int MiB = 1024 * 1024;

    [Fact]
    public async Task A_stopped_engine_gives_503_with_retry_after_and_the_upload_resumes_when_it_is_back()
    {
        await using var relay = new TcpRelay(new Uri(rgw.Engine.Endpoint));
        var options = rgw.Engine.Options();
        await using var server = await S3BatonServer.StartAsync(options, adjust: o =>
        {
            o.ServiceUrl = relay.Url.ToString();
            o.PartSize = 5 * MiB;
            o.RetryAfter = TimeSpan.FromSeconds(7);
            o.Timeout = TimeSpan.FromSeconds(5);
        });
        var content = new byte[6 * MiB + 3];
        new Random(21).NextBytes(content);
        var location = await CreateAsync(server.Client, content.Length, "down.bin");
        using (var first = await server.Client.SendAsync(Patch(location, 0, content[..MiB])))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        }

        relay.Stop();

        using (var refused = await server.Client.SendAsync(Patch(location, MiB, content[MiB..])))
        {
            await AssertUnavailableAsync(refused, options.SecretKey!);
        }
        using (var download = await server.Client.GetAsync("files/down.bin"))
        {
            await AssertUnavailableAsync(download, options.SecretKey!);
        }

        relay.Start();

        Assert.Equal(MiB, await OffsetAsync(server.Client, location)); // nothing past what S3 acknowledged
        using (var resumed = await server.Client.SendAsync(Patch(location, MiB, content[MiB..])))
        {
            Assert.Equal(HttpStatusCode.NoContent, resumed.StatusCode);
        }
        Assert.Equal(content, await server.Client.GetByteArrayAsync("files/down.bin"));
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response, string secret)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal("urn:baton:problem:storage-unavailable", problem.RootElement.GetProperty("type").GetString());
    }

    private static async Task<string> CreateAsync(HttpClient client, long length, string name)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "uploads");
        request.Headers.TryAddWithoutValidation("Tus-Resumable", "1.0.0");
        request.Headers.TryAddWithoutValidation("Upload-Length", length.ToString());
        request.Headers.TryAddWithoutValidation("Upload-Metadata", "filename " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(name)));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static HttpRequestMessage Patch(string location, long offset, byte[] body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, location) { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("Tus-Resumable", "1.0.0");
        request.Headers.TryAddWithoutValidation("Upload-Offset", offset.ToString());
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        return request;
    }

    private static async Task<long> OffsetAsync(HttpClient client, string location)
    {
        var request = new HttpRequestMessage(HttpMethod.Head, location);
        request.Headers.TryAddWithoutValidation("Tus-Resumable", "1.0.0");
        using var response = await client.SendAsync(request);
        return long.Parse(response.Headers.GetValues("Upload-Offset").Single());
    }
}
