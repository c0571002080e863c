using System.Net;
using System.Security.Cryptography;
using Baton.Testing;

namespace Baton.Interop.Tests.Uploads;

/// <summary>
/// Conformance with the real tus-js-client (Node): large chunked uploads, abort and resume from a new client process after
/// the server was killed and restarted, parallel uploads (concatenation), deferred length — each checked by downloading the
/// file from <c>/files/</c> and comparing SHA-256.
/// </summary>
public sealed class TusJsClientTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly TempDirectory _work = new("baton-tusjs-");
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _work.Dispose();
    }

    private async Task AssertDownloadsAsync(Uri server, string name, string source)
    {
        using var response = await _http.GetAsync(new Uri(server, "files/" + Uri.EscapeDataString(name)), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var downloaded = await SHA256.HashDataAsync(body);
        await using var original = File.OpenRead(source);
        Assert.Equal(await SHA256.HashDataAsync(original), downloaded);
        Assert.Equal($"sha-256=:{Convert.ToBase64String(downloaded)}:", response.Headers.TryGetValues("Repr-Digest", out var d) ? d.Single() : null);
    }

    [Fact]
    public async Task A_64_MiB_upload_in_5_MiB_chunks_aborted_at_40_percent_resumes_from_a_new_client_after_a_server_kill()
    {
        var root = _work.Combine("root");
        Directory.CreateDirectory(root);
        var source = _work.WriteRandomFile("src/big.bin", 64L * MiB, seed: 64);
        var port = FreePort.Next();
        string uploadUrl;
        long acknowledged;
        await using (var server = await BatonServeProcess.StartAsync(root, port))
        {
            var first = await TusJsClient.RunAsync(new
            {
                endpoint = new Uri(server.Url, "uploads").ToString(), file = source, name = "big.bin", chunkSize = 5 * MiB, abortAt = 0.4,
            });
            var aborted = TusJsClient.Value(first, "aborted").Split(' ');
            uploadUrl = aborted[0];
            acknowledged = long.Parse(aborted[1]);
            Assert.InRange(acknowledged, (long)(0.4 * 64 * MiB), 64L * MiB - 1);
            await server.Process.KillAsync(); // kill -9: no shutdown code runs
        }

        await using (var restarted = await BatonServeProcess.StartAsync(root, port))
        {
            var second = await TusJsClient.RunAsync(new
            {
                endpoint = new Uri(restarted.Url, "uploads").ToString(), file = source, name = "big.bin", chunkSize = 5 * MiB, uploadUrl,
            });

            Assert.Equal(uploadUrl, TusJsClient.Value(second, "done"));
            // It resumed where the server said, not from zero: nothing acknowledged was lost, and at most the part of the next
            // chunk that was in flight when the client aborted was kept beyond it.
            Assert.InRange(long.Parse(TusJsClient.Value(second, "first-chunk-start")), acknowledged, acknowledged + 5 * MiB);
            await AssertDownloadsAsync(restarted.Url, "big.bin", source);
        }
    }

    [Fact]
    public async Task Parallel_uploads_are_concatenated_into_one_file()
    {
        var root = _work.Combine("root");
        Directory.CreateDirectory(root);
        var source = _work.WriteRandomFile("src/parallel.bin", 24L * MiB + 12345, seed: 4);
        await using var server = await BatonServeProcess.StartAsync(root, FreePort.Next());

        var run = await TusJsClient.RunAsync(new
        {
            endpoint = new Uri(server.Url, "uploads").ToString(), file = source, name = "parallel.bin", chunkSize = 2 * MiB, parallel = 4,
        });

        Assert.Contains("/uploads/", TusJsClient.Value(run, "done"));
        await AssertDownloadsAsync(server.Url, "parallel.bin", source);
        Assert.Equal(["parallel.bin"], Directory.GetFiles(root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_stream_of_unknown_length_uploads_with_a_deferred_length()
    {
        var root = _work.Combine("root");
        Directory.CreateDirectory(root);
        var source = _work.WriteRandomFile("src/stream.bin", 10L * MiB + 7, seed: 5);
        await using var server = await BatonServeProcess.StartAsync(root, FreePort.Next());

        var run = await TusJsClient.RunAsync(new
        {
            endpoint = new Uri(server.Url, "uploads").ToString(), file = source, name = "stream.bin", chunkSize = 3 * MiB, defer = true,
        });

        Assert.Contains("/uploads/", TusJsClient.Value(run, "done"));
        await AssertDownloadsAsync(server.Url, "stream.bin", source);
    }
}
