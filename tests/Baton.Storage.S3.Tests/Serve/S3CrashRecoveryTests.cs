using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Baton.Testing;
using Xunit.Abstractions;

namespace Baton.Storage.S3.Tests.Serve;

/// <summary>
/// <c>baton serve</c> with <c>Baton:Storage:Kind = s3</c> as a real process: kill -9 in the middle of a PATCH, restart, and the
/// upload resumes from what S3 holds to a byte-identical file with the right Repr-Digest — and at no point is a temp file
/// written (a fresh TMPDIR stays empty, the root holds no upload data).
/// </summary>
[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class S3CrashRecoveryTests(RgwFixture rgw, ITestOutputHelper output) : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly TempDirectory _work = new("baton-s3-crash-");
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _work.Dispose();
    }

    [Fact]
    public async Task Kill_9_mid_patch_then_restart_resumes_from_S3_byte_exact_without_temp_files()
    {
        var root = Directory.CreateDirectory(_work.Combine("root")).FullName;
        var temp = Directory.CreateDirectory(_work.Combine("tmp")).FullName;
        var environment = rgw.Engine.Environment("crash-" + Guid.NewGuid().ToString("N")[..8] + "/");
        environment["BATON_STORAGE__S3__PARTSIZE"] = (5 * MiB).ToString();
        environment["TMPDIR"] = temp;
        environment["DOTNET_EnableDiagnostics"] = "0"; // no diagnostics IPC socket in TMPDIR: TMPDIR must stay empty
        var content = RandomNumberGenerator.GetBytes(16 * MiB);
        var port = FreePort.Next();
        var url = new Uri($"http://127.0.0.1:{port}/");
        var sent = 12 * MiB + 12_345;
        long acknowledged = 0;
        string location;
        var hang = new TaskCompletionSource();
        Task<HttpResponseMessage> stalled;

        await using (var server = await StartAsync(root, port, environment))
        {
            location = await CreateAsync(url, content.Length, "crash.bin");
            var body = new StalledContent(content[..sent], content.Length, hang.Task);
            stalled = _http.SendAsync(Patch(url, location, 0, body));
            await body.Sent.Task.WaitAsync(TimeSpan.FromSeconds(30));
            // Two whole parts are in S3 and recorded once HEAD says 10 MiB: that offset is acknowledged and must survive.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged < 10 * MiB && DateTime.UtcNow < deadline)
            {
                acknowledged = await OffsetAsync(url, location);
            }
            Assert.Equal(10 * MiB, acknowledged);
            AssertNoLocalData(root, temp);

            await server.Process.KillAsync();
        }
        hang.SetResult();
        await Assert.ThrowsAnyAsync<Exception>(() => stalled);

        await using (var restarted = await StartAsync(root, port, environment))
        {
            var offset = await OffsetAsync(url, location);
            output.WriteLine($"acknowledged {acknowledged}, sent {sent}, offset after restart {offset}");
            Assert.InRange(offset, acknowledged, sent);

            using var resumed = await _http.SendAsync(Patch(url, location, offset, new ByteArrayContent(content[(int)offset..])));
            Assert.True(resumed.IsSuccessStatusCode, await resumed.Content.ReadAsStringAsync());

            using var download = await _http.GetAsync(new Uri(url, "files/crash.bin"));
            Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
            // The running hash died with the process: the digest was computed once from S3 and recorded with the object.
            Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(content))}:", download.Headers.GetValues("Repr-Digest").Single());
            AssertNoLocalData(root, temp);
        }
    }

    /// <summary>Nothing of the upload on local disk: nothing at all in TMPDIR, nothing but Baton's small keys in the root.</summary>
    private static void AssertNoLocalData(string root, string temp)
    {
        Assert.Equal([], Directory.EnumerateFileSystemEntries(temp, "*", SearchOption.AllDirectories));
        var local = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(local < 64 * 1024, $"{local} bytes written below the root");
    }

    private static async Task<RunningProcess> StartProcessAsync(string root, int port, IDictionary<string, string?> environment)
    {
        var process = BatonCli.Start(["serve", root, "--urls", $"http://127.0.0.1:{port}", "--allow-anonymous"], root, environment);
        await process.WaitForLineAsync(l => l.Contains("Baton is serving", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return process;
    }

    private static async Task<ServeProcess> StartAsync(string root, int port, IDictionary<string, string?> environment) =>
        new(await StartProcessAsync(root, port, environment));

    private sealed class ServeProcess(RunningProcess process) : IAsyncDisposable
    {
        public RunningProcess Process => process;

        public ValueTask DisposeAsync() => process.DisposeAsync();
    }

    private async Task<string> CreateAsync(Uri server, long length, string name)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "uploads"));
        request.Headers.TryAddWithoutValidation("Tus-Resumable", "1.0.0");
        request.Headers.TryAddWithoutValidation("Upload-Length", length.ToString());
        request.Headers.TryAddWithoutValidation("Upload-Metadata", "filename " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(name)));
        using var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    private static HttpRequestMessage Patch(Uri server, string location, long offset, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(server, location)) { Content = body };
        request.Headers.TryAddWithoutValidation("Tus-Resumable", "1.0.0");
        request.Headers.TryAddWithoutValidation("Upload-Offset", offset.ToString());
        body.Headers.ContentType = new MediaTypeHeaderValue("application/offset+octet-stream");
        return request;
    }

    private async Task<long> OffsetAsync(Uri server, string location)
    {
        var request = new HttpRequestMessage(HttpMethod.Head, new Uri(server, location));
        request.Headers.TryAddWithoutValidation("Tus-Resumable", "1.0.0");
        using var response = await _http.SendAsync(request);
        return long.Parse(response.Headers.GetValues("Upload-Offset").Single());
    }
}
