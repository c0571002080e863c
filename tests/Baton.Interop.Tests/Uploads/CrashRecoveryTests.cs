using System.Net;
using System.Net.Http.Headers;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.Interop.Tests.Uploads;

/// <summary>
/// kill -9 of <c>baton serve</c> in the middle of a PATCH: after a restart on the same root the reported offset is no larger
/// than the bytes held and no smaller than any offset already acknowledged, and the client resumes to a byte-identical file.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly TempDirectory _work = new("baton-crash-");
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _work.Dispose();
    }

    private static readonly Dictionary<string, string?> Environment = new()
    {
        // Checkpoint often so the kill lands between checkpoints with unrecorded bytes on disk.
        ["BATON_UPLOADS__CHECKPOINTBYTES"] = (256 * 1024).ToString(),
    };

    [Theory]
    [InlineData("tus")]
    [InlineData("ietf")]
    public async Task Kill_9_mid_patch_then_restart_reports_a_safe_offset_and_the_upload_resumes_byte_identical(string protocol)
    {
        var root = _work.Combine("root");
        Directory.CreateDirectory(root);
        var content = new byte[8 * MiB];
        new Random(8).NextBytes(content);
        var port = FreePort.Next();
        var name = $"crash-{protocol}.bin";
        string location;
        long acknowledged;
        long sent = 4 * MiB + 100_000;
        var hang = new TaskCompletionSource();
        Task<HttpResponseMessage> stalled;

        await using (var server = await BatonServeProcess.StartAsync(root, port, Environment))
        {
            location = await CreateAsync(server.Url, protocol, content.Length, name);
            using (var first = await _http.SendAsync(Patch(server.Url, location, protocol, 0, new ByteArrayContent(content[..MiB]), complete: false)))
            {
                Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
                acknowledged = long.Parse(first.Headers.GetValues("Upload-Offset").Single());
            }
            Assert.Equal(MiB, acknowledged);

            var body = new StalledContent(content[MiB..(int)sent], content.Length - MiB, hang.Task);
            stalled = _http.SendAsync(Patch(server.Url, location, protocol, MiB, body, complete: true));
            await body.Sent.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // Wait (polling with a deadline) until the server has checkpointed well into the stalled body; the offset a
            // HEAD reports is acknowledged to the client and must survive the crash.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (acknowledged < 3 * MiB && DateTime.UtcNow < deadline)
            {
                acknowledged = await OffsetAsync(server.Url, location, protocol);
            }
            Assert.True(acknowledged >= 3 * MiB, $"the server checkpointed only {acknowledged} bytes");

            await server.Process.KillAsync();
        }
        hang.SetResult();
        await Assert.ThrowsAnyAsync<Exception>(() => stalled);

        var staged = Directory.GetFiles(Path.Combine(root, ".baton", "uploads"), "*.data").Single();
        var held = new FileInfo(staged).Length;

        await using (var restarted = await BatonServeProcess.StartAsync(root, port, Environment))
        {
            var offset = await OffsetAsync(restarted.Url, location, protocol);
            output.WriteLine($"{protocol}: acknowledged {acknowledged}, held on disk at the kill {held}, sent {sent}, offset after restart {offset}");
            Assert.InRange(offset, acknowledged, Math.Min(held, sent));

            using var resumed = await _http.SendAsync(Patch(restarted.Url, location, protocol, offset, new ByteArrayContent(content[(int)offset..]), complete: true));

            Assert.True(resumed.IsSuccessStatusCode, await resumed.Content.ReadAsStringAsync());
            Assert.Equal(content, File.ReadAllBytes(Path.Combine(root, name)));
            Assert.Equal("/files/" + name, resumed.Headers.GetValues("Baton-File-Url").Single());
            Assert.Equal(content, await _http.GetByteArrayAsync(new Uri(restarted.Url, "files/" + name)));
        }
    }

    private async Task<string> CreateAsync(Uri server, string protocol, long length, string name)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "uploads"));
        request.Headers.TryAddWithoutValidation("Upload-Length", length.ToString());
        if (protocol == "tus")
        {
            request.Headers.TryAddWithoutValidation("Tus-Resumable", "1.0.0");
            request.Headers.TryAddWithoutValidation("Upload-Metadata", "filename " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(name)));
        }
        else
        {
            request.Headers.TryAddWithoutValidation("Upload-Draft-Interop-Version", "8");
            request.Headers.TryAddWithoutValidation("Upload-Complete", "?0");
            request.Content = new ByteArrayContent([]);
            request.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = name };
        }
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static HttpRequestMessage Patch(Uri server, string location, string protocol, long offset, HttpContent body, bool complete)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(server, location)) { Content = body };
        request.Headers.TryAddWithoutValidation("Upload-Offset", offset.ToString());
        if (protocol == "tus")
        {
            request.Headers.TryAddWithoutValidation("Tus-Resumable", "1.0.0");
            body.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        }
        else
        {
            request.Headers.TryAddWithoutValidation("Upload-Draft-Interop-Version", "8");
            request.Headers.TryAddWithoutValidation("Upload-Complete", complete ? "?1" : "?0");
            body.Headers.ContentType = new MediaTypeHeaderValue("application/partial-upload");
        }
        return request;
    }

    private async Task<long> OffsetAsync(Uri server, string location, string protocol)
    {
        var request = new HttpRequestMessage(HttpMethod.Head, new Uri(server, location));
        request.Headers.TryAddWithoutValidation(protocol == "tus" ? "Tus-Resumable" : "Upload-Draft-Interop-Version", protocol == "tus" ? "1.0.0" : "8");
        using var response = await _http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, response.StatusCode.ToString());
        return long.Parse(response.Headers.GetValues("Upload-Offset").Single());
    }
}
