using Baton.Client.Downloads;
using Baton.Client.Requests;
using Baton.Client.Uploads;
using Baton.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Baton.Client.Tests.Requests;

/// <summary>
/// Issue 11 item 1: a token given for one origin never reaches another. Origin A (where the token belongs) redirects downloads
/// and hands out upload URLs on origin B; B records every request's Authorization while serving the file (failing one segment
/// with 503 to force a retry and one with 403 to force a refresh of the signed URL) and a tus upload (failing one PATCH).
/// </summary>
public sealed class CrossOriginCredentialTests : IDisposable
{
    private const string Token = "secret-token-for-a";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Download_probe_segments_retries_and_refreshes_never_carry_the_token_to_the_redirect_target()
    {
        var data = new byte[3 << 20];
        Random.Shared.NextBytes(data);
        var rangeRequests = 0;
        await using var other = await HeaderRecordingServer.StartAsync(context =>
        {
            var n = context.Request.Headers.Range.ToString() is { Length: > 0 } range && range != "bytes=0-0" ? Interlocked.Increment(ref rangeRequests) : 0;
            if (n is 1 or 2)
            {
                // The first segment request fails transiently (a retry); the second as an expired signature (a refresh).
                context.Response.StatusCode = n == 1 ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            }
            return Results.Bytes(data, "application/octet-stream", enableRangeProcessing: true,
                entityTag: new EntityTagHeaderValue("\"v1\"")).ExecuteAsync(context);
        });
        await using var origin = await HeaderRecordingServer.StartAsync(context =>
        {
            context.Response.Redirect(other.Url("signed/file.bin").AbsoluteUri);
            return Task.CompletedTask;
        });
        var url = origin.Url("file.bin");
        using var http = RequestPipeline.CreateClient(new OriginCredentials(Token, [url]));

        var result = await new FileDownloader(http).DownloadAsync(url, new DownloadOptions
        {
            OutputPath = _dir.Combine("file.bin"),
            Connections = 3,
            MinimumSegmentBytes = 256 << 10,
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });

        Assert.Equal(data, await File.ReadAllBytesAsync(result.Path));
        Assert.True(rangeRequests >= 4, $"only {rangeRequests} segment requests");
        Assert.True(origin.Requests.Count >= 2, "the refresh must ask origin A again");
        Assert.All(origin.Requests, r => Assert.Equal("Bearer " + Token, r.Authorization));
        Assert.NotEmpty(other.Requests);
        Assert.All(other.Requests, r => Assert.Null(r.Authorization));
    }

    [Fact]
    public async Task Upload_requests_to_an_upload_url_on_another_origin_never_carry_the_token()
    {
        var data = new byte[3 << 20];
        Random.Shared.NextBytes(data);
        var source = _dir.Combine("up.bin");
        await File.WriteAllBytesAsync(source, data);
        var stored = new MemoryStream();
        var patches = 0;
        await using var other = await HeaderRecordingServer.StartAsync(async context =>
        {
            var (request, response) = (context.Request, context.Response);
            response.Headers["Tus-Resumable"] = "1.0.0";
            if (request.Method == "HEAD")
            {
                response.Headers["Upload-Offset"] = stored.Length.ToString();
                response.Headers["Upload-Length"] = data.Length.ToString();
                return;
            }
            if (Interlocked.Increment(ref patches) == 1)
            {
                response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            await request.Body.CopyToAsync(stored);
            response.Headers["Upload-Offset"] = stored.Length.ToString();
            response.StatusCode = StatusCodes.Status204NoContent;
        });
        await using var origin = await HeaderRecordingServer.StartAsync(context =>
        {
            var response = context.Response;
            response.Headers["Tus-Resumable"] = "1.0.0";
            response.Headers["Tus-Version"] = "1.0.0";
            response.Headers["Tus-Extension"] = "creation";
            response.StatusCode = context.Request.Method == "POST" ? StatusCodes.Status201Created : StatusCodes.Status204NoContent;
            if (context.Request.Method == "POST")
            {
                response.Headers.Location = other.Url("uploads/1").AbsoluteUri;
            }
            return Task.CompletedTask;
        });
        var endpoint = origin.Url("uploads/");
        using var http = RequestPipeline.CreateClient(new OriginCredentials(Token, [endpoint]));

        await new TusUploader(http).UploadAsync(source, endpoint, new UploadOptions
        {
            ChunkSize = 1 << 20,
            StateDirectory = _dir.Combine("state"),
            RetryDelay = TimeSpan.FromMilliseconds(10),
        });

        Assert.Equal(data, stored.ToArray());
        Assert.Contains(other.Requests, r => r.Method == "HEAD");
        Assert.All(origin.Requests, r => Assert.Equal("Bearer " + Token, r.Authorization));
        Assert.All(other.Requests, r => Assert.Null(r.Authorization));
    }

    public void Dispose() => _dir.Dispose();
}
