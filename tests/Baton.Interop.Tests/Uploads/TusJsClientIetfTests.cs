using System.Net;
using System.Security.Cryptography;
using Baton.Testing;

namespace Baton.Interop.Tests.Uploads;

/// <summary>
/// The real tus-js-client in its IETF modes against <c>baton serve</c>: <c>ietf-draft-05</c> (interop 6) uploads, and resumes
/// from a new process after the first was SIGKILLed mid-PATCH; with <c>parallelUploads</c> it is refused at once and nothing is
/// stored; <c>ietf-draft-03</c> (interop 5) is refused at creation. Files are checked by SHA-256 and by name (tus-js-client sends
/// the name only in Upload-Metadata).
/// </summary>
public sealed class TusJsClientIetfTests : IDisposable
{
    private const int MiB = 1024 * 1024;
    private readonly TempDirectory _work = new("baton-tusjs-ietf-");
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _work.Dispose();
    }

    private string NewRoot()
    {
        var root = _work.Combine("root");
        Directory.CreateDirectory(root);
        return root;
    }

    private async Task AssertStoredAsync(Uri server, string name, string source)
    {
        using var response = await _http.GetAsync(new Uri(server, "files/" + Uri.EscapeDataString(name)), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var original = File.OpenRead(source);
        Assert.Equal(await SHA256.HashDataAsync(original), await SHA256.HashDataAsync(body));
    }

    /// <summary>Nothing in ROOT but Baton's state folder, and no upload recorded there.</summary>
    private static void AssertNothingStored(string root)
    {
        Assert.Empty(Directory.GetFiles(root));
        Assert.Equal([".baton"], Directory.GetDirectories(root).Select(Path.GetFileName));
        Assert.Empty(Directory.GetFiles(Path.Combine(root, ".baton", "uploads")));
    }

    [Fact]
    public async Task Ietf_draft_05_uploads_a_file_in_chunks_named_from_its_metadata()
    {
        var root = NewRoot();
        var source = _work.WriteRandomFile("src/draft05.bin", 12L * MiB + 4321, seed: 61);
        await using var server = await BatonServeProcess.StartAsync(root, FreePort.Next());

        var run = await TusJsClient.RunAsync(new
        {
            endpoint = new Uri(server.Url, "uploads").ToString(), file = source, name = "draft05.bin", chunkSize = 5 * MiB,
            protocol = "ietf-draft-05",
        });

        Assert.Contains("/uploads/", TusJsClient.Value(run, "done"));
        await AssertStoredAsync(server.Url, "draft05.bin", source);
        Assert.Equal(["draft05.bin"], Directory.GetFiles(root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Ietf_draft_05_killed_mid_patch_resumes_from_a_new_process_where_the_server_says()
    {
        var root = NewRoot();
        var source = _work.WriteRandomFile("src/killed.bin", 48L * MiB + 99, seed: 62);
        await using var server = await BatonServeProcess.StartAsync(root, FreePort.Next());
        var endpoint = new Uri(server.Url, "uploads").ToString();

        var first = await TusJsClient.RunToExitAsync(new
        {
            endpoint, file = source, name = "killed.bin", chunkSize = 4 * MiB, protocol = "ietf-draft-05", killAt = 0.3,
        });

        Assert.NotEqual(0, first.ExitCode); // SIGKILL
        var killed = TusJsClient.Value(first, "killing").Split(' ');
        var uploadUrl = killed[0];
        var acknowledged = long.Parse(killed[1]);
        Assert.InRange(acknowledged, (long)(0.3 * 48 * MiB), 48L * MiB - 1);
        Assert.Empty(Directory.GetFiles(root)); // not complete, so not a file yet

        var second = await TusJsClient.RunAsync(new
        {
            endpoint, file = source, name = "killed.bin", chunkSize = 4 * MiB, protocol = "ietf-draft-05", uploadUrl,
        });

        Assert.Equal(uploadUrl, TusJsClient.Value(second, "done"));
        // It resumed where the server said: nothing acknowledged was lost, and at most the part of the killed PATCH that
        // reached the server was kept beyond it.
        Assert.InRange(long.Parse(TusJsClient.Value(second, "first-chunk-start")), acknowledged, acknowledged + 4 * MiB);
        await AssertStoredAsync(server.Url, "killed.bin", source);
    }

    [Fact]
    public async Task Ietf_draft_05_with_parallel_uploads_is_refused_and_leaves_nothing_in_ROOT()
    {
        var root = NewRoot();
        var source = _work.WriteRandomFile("src/parallel.bin", 8L * MiB, seed: 63);
        await using var server = await BatonServeProcess.StartAsync(root, FreePort.Next());

        var run = await TusJsClient.RunToExitAsync(new
        {
            endpoint = new Uri(server.Url, "uploads").ToString(), file = source, name = "parallel.bin", chunkSize = MiB, parallel = 4,
            protocol = "ietf-draft-05",
        });

        Assert.Equal(1, run.ExitCode);
        var error = TusJsClient.Value(run, "error");
        Assert.Contains("response code: 400", error);
        Assert.Contains("urn:baton:problem:upload-concat-not-supported", error);
        AssertNothingStored(root);
    }

    [Fact]
    public async Task Ietf_draft_03_is_refused_at_creation_naming_the_supported_versions()
    {
        var root = NewRoot();
        var source = _work.WriteRandomFile("src/draft03.bin", MiB, seed: 64);
        await using var server = await BatonServeProcess.StartAsync(root, FreePort.Next());

        var run = await TusJsClient.RunToExitAsync(new
        {
            endpoint = new Uri(server.Url, "uploads").ToString(), file = source, name = "draft03.bin", chunkSize = MiB,
            protocol = "ietf-draft-03",
        });

        Assert.Equal(1, run.ExitCode);
        var error = TusJsClient.Value(run, "error");
        Assert.Contains("while creating upload", error);
        Assert.Contains("response code: 400", error);
        Assert.Contains("urn:baton:problem:interop-version-unsupported", error);
        Assert.Contains("\"supported-versions\":[6,7,8,9]", error);
        AssertNothingStored(root);
    }
}
