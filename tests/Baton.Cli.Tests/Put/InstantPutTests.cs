using System.Text.Json;
using Baton.Testing;

namespace Baton.Cli.Tests.Put;

/// <summary>
/// Issue 15 item 6, <c>baton put</c> as a process against real Baton: the file is hashed first and created digest-first, so a
/// file the server already holds is "already stored" — no content byte sent, no <c>name (1)</c> — over tus and IETF, for a
/// single file and a folder; <c>--as-copy</c> sends the bytes as before.
/// </summary>
public sealed class InstantPutTests : IDisposable
{
    private const int MiB = 1 << 20;
    private readonly TempDirectory _dir = new("baton-instant-");
    private readonly UploadTraffic _traffic = new();

    private Dictionary<string, string?> Environment(string state = "state") => new() { ["XDG_STATE_HOME"] = _dir.Combine(state) };

    private static JsonElement Result(string output) =>
        JsonDocument.Parse(output.Split('\n').Last(l => l.Contains("\"type\":\"result\"", StringComparison.Ordinal))).RootElement;

    [Theory]
    [InlineData("tus")]
    [InlineData("ietf")]
    public async Task The_same_put_again_is_already_stored_sends_no_content_and_makes_no_copy(string protocol)
    {
        await using var baton = await BatonTestServer.StartAsync(services: _traffic.Install);
        var source = _dir.WriteRandomFile("big.bin", 5 * MiB + 11);
        string[] put = ["put", source, baton.Url("uploads/").AbsoluteUri, "--protocol", protocol, "--chunk-size", "1m", "--json"];
        var first = await BatonCli.RunAsync(put, environment: Environment());
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.False(Result(first.Output).GetProperty("alreadyStored").GetBoolean());
        Assert.Contains("\"phase\":\"hashing\"", first.Output);
        Assert.Equal(5 * MiB + 11, _traffic.ContentBytesSince(0));
        var before = _traffic.Count;

        var again = await BatonCli.RunAsync(put, environment: Environment());

        Assert.True(again.ExitCode == 0, again.Output);
        var result = Result(again.Output);
        Assert.True(result.GetProperty("alreadyStored").GetBoolean());
        Assert.True(result.GetProperty("verified").GetBoolean());
        Assert.EndsWith("/files/big.bin", result.GetProperty("url").GetString());
        Assert.Equal(0, _traffic.ContentBytesSince(before));
        Assert.DoesNotContain(_traffic.Since(before), r => r.Method == "PATCH");
        Assert.Contains(_traffic.Since(before), r => r is { Method: "POST", Digest: true });
        Assert.Equal(["big.bin"], baton.StoredFileNames().Where(n => n.StartsWith("big", StringComparison.Ordinal)));
        Assert.Equal(File.ReadAllBytes(source), baton.ReadStoredFile("big.bin"));
    }

    [Fact]
    public async Task Human_output_says_already_stored()
    {
        await using var baton = await BatonTestServer.StartAsync(services: _traffic.Install);
        var source = _dir.WriteRandomFile("twice.bin", 2 * MiB);
        string[] put = ["put", source, baton.Url("uploads/").AbsoluteUri];
        Assert.Equal(0, (await BatonCli.RunAsync(put, environment: Environment())).ExitCode);

        var again = await BatonCli.RunAsync(put, environment: Environment());

        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("baton: already stored twice.bin (2097152 bytes, nothing sent, sha-256 verified)", again.Output);
        Assert.Contains(baton.Url("files/twice.bin").AbsoluteUri, again.Output);
    }

    [Fact]
    public async Task Content_stored_under_another_name_completes_a_new_name_without_sending_it()
    {
        await using var baton = await BatonTestServer.StartAsync(services: _traffic.Install);
        var original = _dir.WriteRandomFile("original.bin", 3 * MiB, seed: 7);
        Assert.Equal(0, (await BatonCli.RunAsync(["put", original, baton.Url("uploads/").AbsoluteUri], environment: Environment())).ExitCode);
        var renamed = _dir.Combine("renamed.bin");
        File.Copy(original, renamed);
        var before = _traffic.Count;

        var put = await BatonCli.RunAsync(["put", renamed, baton.Url("uploads/").AbsoluteUri, "--json"], environment: Environment());

        Assert.True(put.ExitCode == 0, put.Output);
        Assert.True(Result(put.Output).GetProperty("alreadyStored").GetBoolean());
        Assert.Equal(0, _traffic.ContentBytesSince(before));
        Assert.Equal(File.ReadAllBytes(original), baton.ReadStoredFile("renamed.bin"));
        Assert.Equal(File.ReadAllBytes(original), baton.ReadStoredFile("original.bin"));
    }

    [Fact]
    public async Task As_copy_sends_the_bytes_again()
    {
        await using var baton = await BatonTestServer.StartAsync(services: _traffic.Install);
        var source = _dir.WriteRandomFile("copy.bin", 3 * MiB + 1);
        string[] put = ["put", source, baton.Url("uploads/").AbsoluteUri, "--json"];
        Assert.Equal(0, (await BatonCli.RunAsync(put, environment: Environment())).ExitCode);
        var before = _traffic.Count;

        var copy = await BatonCli.RunAsync([.. put, "--as-copy"], environment: Environment());

        Assert.True(copy.ExitCode == 0, copy.Output);
        var result = Result(copy.Output);
        Assert.False(result.GetProperty("alreadyStored").GetBoolean());
        Assert.True(result.GetProperty("verified").GetBoolean());
        Assert.DoesNotContain("\"phase\":\"hashing\"", copy.Output);
        Assert.Equal(3 * MiB + 1, _traffic.ContentBytesSince(before));
        Assert.DoesNotContain(_traffic.Since(before), r => r.Digest);
    }

    [Fact]
    public async Task A_folder_put_from_a_fresh_state_finds_every_file_already_stored()
    {
        await using var baton = await BatonTestServer.StartAsync(services: _traffic.Install);
        var root = _dir.Combine("tree");
        string[] files = ["a.bin", "docs/b.bin", "docs/deep/c.bin"];
        for (var i = 0; i < files.Length; i++)
        {
            _dir.WriteRandomFile("tree/" + files[i], 300_000 + i, seed: i + 20);
        }
        string[] put = ["put", root, baton.Url("uploads/").AbsoluteUri, "--metadata", "folder=backup"];
        var first = await BatonCli.RunAsync(put, environment: Environment());
        Assert.True(first.ExitCode == 0, first.Output);
        var before = _traffic.Count;

        // Another machine (no tree state): the server's content answers, not the local record.
        var again = await BatonCli.RunAsync(put, environment: Environment("other-state"));

        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Equal(files.Length, again.Output.Split('\n').Count(l => l.Contains(": already stored (", StringComparison.Ordinal)));
        Assert.Contains("0 file(s) uploaded (0 bytes), 3 already stored", again.Output);
        Assert.Equal(0, _traffic.ContentBytesSince(before));
        foreach (var file in files)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(root, file)), baton.ReadStoredFile("backup/" + file));
            Assert.False(baton.StoredFileExists("backup/" + file.Replace(".bin", " (1).bin", StringComparison.Ordinal)));
        }
    }

    public void Dispose() => _dir.Dispose();
}
