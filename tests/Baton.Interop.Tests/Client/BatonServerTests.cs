using System.Text.Json;
using Baton.Testing;

namespace Baton.Interop.Tests.Client;

/// <summary><c>baton get</c>, <c>ls</c> and <c>rm</c> as processes against Baton itself (real Kestrel on loopback).</summary>
public class BatonServerTests
{
    private const int MiB = 1 << 20;

    [Fact]
    public async Task Get_with_four_connections_is_byte_identical()
    {
        await using var baton = await BatonTestServer.StartAsync();
        var source = baton.Root.WriteRandomFile("media/movie.bin", 9 * MiB + 3);
        // A settled file: Baton's entity tag is strong, so segments can be conditional (If-Range).
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddMinutes(-5));
        using var dir = new TempDirectory();
        var target = dir.Combine("movie.bin");

        var run = await BatonCli.RunAsync(["get", baton.Url("files/media/movie.bin").AbsoluteUri, "-o", target, "-c", "4"]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("4 connections", run.Output);
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(target));
    }

    [Fact]
    public async Task Get_of_a_file_still_settling_uses_one_unconditional_stream_and_is_byte_identical()
    {
        await using var baton = await BatonTestServer.StartAsync();
        // Just written: Baton sends a weak entity tag, which If-Range may not carry (RFC 9110 §13.1.5).
        var source = baton.Root.WriteRandomFile("fresh.bin", 5 * MiB);
        File.SetLastWriteTimeUtc(source, DateTime.UtcNow.AddMinutes(1));
        using var dir = new TempDirectory();
        var target = dir.Combine("fresh.bin");

        var run = await BatonCli.RunAsync(["get", baton.Url("files/fresh.bin").AbsoluteUri, "-o", target, "-c", "4"]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("1 connection", run.Output);
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(target));
    }

    [Fact]
    public async Task Get_keeps_a_non_ascii_name_and_verifies_batons_repr_digest()
    {
        await using var baton = await BatonTestServer.StartAsync();
        // Small enough (≤ 1 MiB) for Baton to compute Repr-Digest on the first request.
        var source = baton.Root.WriteRandomFile("报告.pdf", 512 * 1024);
        using var dir = new TempDirectory();

        var run = await BatonCli.RunAsync(["get", baton.Url("files/" + Uri.EscapeDataString("报告.pdf")).AbsoluteUri], workingDirectory: dir.Path);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("verified by Repr-Digest sha-256", run.Output);
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(dir.Combine("报告.pdf")));
    }

    [Fact]
    public async Task Ls_lists_the_root_and_a_folder()
    {
        await using var baton = await BatonTestServer.StartAsync();
        baton.Root.WriteRandomFile("top.bin", 1234);
        baton.Root.WriteRandomFile("photos/a.jpg", 10);
        baton.Root.WriteRandomFile("photos/b.jpg", 20);

        var root = await BatonCli.RunAsync(["ls", baton.BaseAddress.AbsoluteUri]);
        var folder = await BatonCli.RunAsync(["ls", baton.Url("files/photos/").AbsoluteUri, "--json"]);

        Assert.True(root.ExitCode == 0, root.Output);
        Assert.Contains("top.bin", root.Output);
        Assert.Contains("1.2 KiB", root.Output); // human sizes by default
        Assert.DoesNotContain("1234", root.Output);
        Assert.Contains("photos/", root.Output);
        Assert.True(folder.ExitCode == 0, folder.Output);
        var entries = folder.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["a.jpg", "b.jpg"], entries.Select(e => e.GetProperty("name").GetString()).Order());
        Assert.All(entries, e => Assert.StartsWith(baton.BaseAddress.AbsoluteUri, e.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task Ls_of_a_missing_folder_exits_with_the_not_found_code()
    {
        await using var baton = await BatonTestServer.StartAsync();

        var run = await BatonCli.RunAsync(["ls", baton.Url("files/nowhere/").AbsoluteUri]);

        Assert.Equal(6, run.ExitCode);
        Assert.Contains("baton: error:", run.Output);
    }

    [Fact]
    public async Task Rm_deletes_a_file_and_a_second_rm_reports_not_found()
    {
        await using var baton = await BatonTestServer.StartAsync();
        var file = baton.Root.WriteRandomFile("old/report.pdf", 100);
        var url = baton.Url("files/old/report.pdf").AbsoluteUri;

        var first = await BatonCli.RunAsync(["rm", url]);
        var second = await BatonCli.RunAsync(["rm", url]);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.False(File.Exists(file));
        Assert.Equal(6, second.ExitCode);
    }
}
