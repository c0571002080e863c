using Baton.Testing;

namespace Baton.Interop.Tests.Client;

/// <summary><c>baton put</c> against Baton's own tus server, then <c>baton get</c> of the file it became.</summary>
public class BatonUploadTests
{
    private const int MiB = 1 << 20;

    [Fact]
    public async Task Put_in_four_parallel_parts_then_get_round_trips_byte_identically()
    {
        await using var baton = await BatonTestServer.StartAsync();
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("round-trip.bin", 24 * MiB + 11);
        var environment = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = dir.Combine("state") };

        var put = await BatonCli.RunAsync(["put", source, baton.Url("uploads").AbsoluteUri, "--parallel", "4", "--chunk-size", "2m"],
            environment: environment);
        Assert.True(put.ExitCode == 0, put.Output);
        Assert.Contains("4 parallel parts", put.Output);
        var fileUrl = put.Output.Split('\n', StringSplitOptions.TrimEntries).Single(l => l.StartsWith(baton.BaseAddress.AbsoluteUri, StringComparison.Ordinal));
        Assert.Contains("/files/", fileUrl);
        var target = dir.Combine("back.bin");
        var get = await BatonCli.RunAsync(["get", fileUrl, "-o", target, "-c", "4"]);

        Assert.True(get.ExitCode == 0, get.Output);
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(target));
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(baton.Root.Combine("round-trip.bin")));
    }

    [Fact]
    // --chunk-checksums always: every chunk carries Upload-Checksum (sha256), a wrong one would be refused with 460; the resumed
    // upload is then also verified end to end (Baton-File-Digest).
    public async Task Put_killed_mid_way_resumes_against_baton_with_per_chunk_checksums()
    {
        await using var baton = await BatonTestServer.StartAsync();
        using var dir = new TempDirectory();
        var source = dir.WriteRandomFile("resumed.bin", 32 * MiB);
        var environment = new Dictionary<string, string?> { ["XDG_STATE_HOME"] = dir.Combine("state") };
        var stateFolder = dir.Combine("state", "baton", "uploads");

        await using (var first = BatonCli.Start(["put", source, baton.Url("uploads").AbsoluteUri, "--limit-rate", "16m", "--chunk-size", "2m",
            "--chunk-checksums", "always", "--json"], environment: environment))
        {
            await first.WaitForLineAsync(l => l.Contains("\"type\":\"progress\"", StringComparison.Ordinal)
                && System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("bytes").GetInt64() > 12 * MiB);
            Assert.NotEmpty(Directory.GetFiles(stateFolder));
            await first.KillAsync();
        }
        var second = await BatonCli.RunAsync(["put", source, baton.Url("uploads").AbsoluteUri, "--chunk-checksums", "always"], environment: environment);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("resumed", second.Output);
        Assert.Contains("verified", second.Output);
        Assert.Equal(FileHashes.Sha256(source), FileHashes.Sha256(baton.Root.Combine("resumed.bin")));
        Assert.Empty(Directory.GetFiles(stateFolder));
    }
}
