using System.Net;
using System.Text.Json;
using Baton.Protocol.Paths;
using Baton.Storage;
using Baton.Storage.Files;
using Baton.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Baton.Server.Tests.Http;

/// <summary>A backend that cannot be reached: 503 with Retry-After and the storage-unavailable problem, never a 500 or a stack trace.</summary>
public sealed class StorageUnavailableTests
{
    private const string Secret = "SECRET-KEY-abc123";

    /// <summary>A file source whose backend is down (as an S3 endpoint that refuses connections).</summary>
    private sealed class UnreachableFileSource : IFileSource
    {
        public FileSourceCapabilities Capabilities => new(null, false);

        public ValueTask<FileStat?> StatAsync(RelativePath name, CancellationToken cancellation) => throw Down();

        public ValueTask<IFileReader?> OpenAsync(RelativePath name, CancellationToken cancellation) => throw Down();

        public ValueTask<IReadOnlyList<FileStat>?> ListAsync(RelativePath folder, CancellationToken cancellation) => throw Down();

        private static StorageUnavailableException Down() =>
            new($"connection refused (credentials {Secret})", TimeSpan.FromSeconds(7), new HttpRequestException("refused"));
    }

    /// <summary>An upload store whose backend is down.</summary>
    private sealed class UnreachableUploadStore : IUploadStore
    {
        public Task<UploadInfo> CreateAsync(NewUpload upload, CancellationToken cancellation) => throw Down();

        public Task<UploadLookup> FindAsync(string id, CancellationToken cancellation) => throw Down();

        public Task<AppendResult> AppendAsync(string id, AppendRequest request, CancellationToken cancellation) => throw Down();
    }

    private static StorageUnavailableException Down() =>
        new($"connection refused (credentials {Secret})", TimeSpan.FromSeconds(7), new HttpRequestException("refused"));

    [Theory]
    [InlineData("POST")]
    [InlineData("HEAD")]
    [InlineData("PATCH")]
    public async Task An_unreachable_upload_backend_answers_503_not_500(string method)
    {
        await using var server = await BatonTestServer.StartAsync(services: s => s.AddSingleton<IUploadStore>(new UnreachableUploadStore()));
        var request = new HttpRequestMessage(new HttpMethod(method), method == "POST" ? "uploads" : "uploads/AAAAAAAAAAAAAAAAAAAAAA");
        request.Headers.TryAddWithoutValidation("Tus-Resumable", "1.0.0");
        request.Headers.TryAddWithoutValidation("Upload-Length", "10");
        request.Headers.TryAddWithoutValidation("Upload-Offset", "0");
        if (method == "PATCH")
        {
            request.Content = new ByteArrayContent(new byte[10]);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/offset+octet-stream");
        }

        using var response = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.DoesNotContain(Secret, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET", "files/a.bin")]
    [InlineData("HEAD", "files/a.bin")]
    [InlineData("DELETE", "files/a.bin")]
    [InlineData("GET", "api/files")]
    public async Task An_unreachable_backend_answers_503_with_retry_after_and_a_problem(string method, string path)
    {
        await using var server = await BatonTestServer.StartAsync(services: s => s.AddSingleton<IFileSource>(new UnreachableFileSource()));

        using var response = await server.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), response.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Secret, body);
        if (method != "HEAD")
        {
            using var problem = JsonDocument.Parse(body);
            Assert.Equal("urn:baton:problem:storage-unavailable", problem.RootElement.GetProperty("type").GetString());
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        }
    }
}
