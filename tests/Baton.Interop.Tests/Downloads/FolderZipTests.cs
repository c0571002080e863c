using System.Security.Cryptography;
using Baton.Testing;

namespace Baton.Interop.Tests.Downloads;

/// <summary>
/// A folder downloaded as a ZIP (issue 14 item 3) by curl as users run it: cut midway, resumed with <c>curl -C -</c> (206 for
/// exactly the missing bytes), byte-identical to a straight download, accepted by Info-ZIP <c>unzip -t</c>, and extracted to
/// files with the source's SHA-256 digests. Hidden files and Baton's state are not in it; a change gives a new ETag.
/// </summary>
[Trait("Speed", "Slow")]
public sealed class FolderZipTests : IAsyncLifetime
{
    private readonly TempDirectory _work = new("baton-zip-");
    private BatonTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await BatonTestServer.StartAsync();
        _server.Root.WriteRandomFile("album/a.bin", 3 * 1024 * 1024 + 17, seed: 1);
        _server.Root.WriteRandomFile("album/sub/b.bin", 5 * 1024 * 1024 + 3, seed: 2);
        _server.Root.WriteRandomFile("album/sub/deeper/c.bin", 123, seed: 3);
        _server.Root.WriteRandomFile("album/Zürich ü.txt", 10, seed: 4);
        _server.Root.WriteRandomFile("album/.hidden", 10, seed: 5);
        File.WriteAllBytes(_server.Root.Combine("album", "empty.txt"), []);
        Directory.CreateDirectory(_server.Root.Combine("album", "nothing", "here"));
        foreach (var file in Directory.EnumerateFiles(_server.Root.Combine("album"), "*", SearchOption.AllDirectories))
        {
            // Older than a second: strong validators, hence a strong archive ETag.
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddHours(-1));
        }
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _work.Dispose();
    }

    private string Url => _server.Url("files/album/?format=zip").ToString();

    [Fact]
    public async Task A_cut_download_resumed_by_curl_is_identical_and_unzips_to_the_same_files()
    {
        // Cut first, before any full download has filled the server's CRC cache: the resume needs CRCs computed on demand.
        var resumed = _work.Combine("resumed.zip");
        var cut = await RunningProcess.RunAsync("curl", ["-sS", "--fail", "-r", "0-4000000", "-o", resumed, "-w", "%{http_code}", Url]);
        Assert.True(cut.ExitCode == 0, cut.Output);
        Assert.Equal("206", cut.Output.Trim());
        Assert.Equal(4_000_001, new FileInfo(resumed).Length);

        var resume = await RunningProcess.RunAsync("curl",
            ["-sS", "--fail", "-C", "-", "-o", resumed, "-w", "%{http_code} %{size_download}", Url]);
        Assert.True(resume.ExitCode == 0, resume.Output);
        var straight = _work.Combine("straight.zip");
        var full = await RunningProcess.RunAsync("curl", ["-sS", "--fail", "-o", straight, "-w", "%{http_code}", Url]);
        Assert.True(full.ExitCode == 0, full.Output);

        Assert.Equal("200", full.Output.Trim());
        Assert.Equal($"206 {new FileInfo(straight).Length - 4_000_001}", resume.Output.Trim());
        Assert.Equal(Hash(straight), Hash(resumed));
        var test = await RunningProcess.RunAsync("unzip", ["-t", resumed]);
        Assert.True(test.ExitCode == 0, test.Output);
        Assert.Contains("No errors detected", test.Output);

        var extracted = _work.Combine("out");
        var unzip = await RunningProcess.RunAsync("unzip", ["-q", resumed, "-d", extracted]);
        Assert.True(unzip.ExitCode == 0, unzip.Output);
        var expected = Tree(_server.Root.Combine("album"), skipHidden: true);
        Assert.Equal(expected, Tree(extracted, skipHidden: false));
        Assert.True(Directory.Exists(Path.Combine(extracted, "nothing", "here")));
    }

    [Fact]
    public async Task The_archive_is_deterministic_and_its_etag_changes_with_the_folder()
    {
        using var first = await _server.Client.GetAsync("files/album/?format=zip");
        using var second = await _server.Client.GetAsync("files/album/?format=zip");
        var firstBytes = await first.Content.ReadAsByteArrayAsync();

        Assert.Equal("application/zip", first.Content.Headers.ContentType?.MediaType);
        Assert.False(first.Headers.ETag!.IsWeak);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(firstBytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(firstBytes.Length, first.Content.Headers.ContentLength);

        _server.Root.WriteRandomFile("album/sub/deeper/c.bin", 124, seed: 9);
        var oldTag = first.Headers.ETag!.ToString();
        var stale = await RunningProcess.RunAsync("curl",
            ["-sS", "--fail", "-H", "If-Range: " + oldTag, "-r", "100-", "-o", _work.Combine("new.zip"), "-w", "%{http_code}", Url]);

        Assert.Equal("200", stale.Output.Trim()); // not a splice of two states
        var test = await RunningProcess.RunAsync("unzip", ["-t", _work.Combine("new.zip")]);
        Assert.True(test.ExitCode == 0, test.Output);
    }

    [Theory]
    [InlineData("files/missing/?format=zip", 404)]
    [InlineData("files/album/a.bin?format=zip", 404)]
    [InlineData("files/..%2F..%2Fetc/?format=zip", 400)]
    [InlineData("files/.baton/?format=zip", 404)]
    public async Task Only_folders_below_the_root_are_archived(string url, int status)
    {
        using var response = await _server.Client.GetAsync(url);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Several_ranges_are_refused_with_416()
    {
        var run = await RunningProcess.RunAsync("curl", ["-sS", "-r", "0-10,20-30", "-o", "/dev/null", "-w", "%{http_code}", Url]);

        Assert.Equal("416", run.Output.Trim());
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static SortedDictionary<string, string> Tree(string folder, bool skipHidden)
    {
        var tree = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(folder, file);
            if (!(skipHidden && Path.GetFileName(name).StartsWith('.')))
            {
                tree[name] = Hash(file);
            }
        }
        return tree;
    }
}
