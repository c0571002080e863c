using Baton.Testing;

namespace Baton.Cli.Tests.Put;

/// <summary>
/// Issue 11 item 12, the client's side: <c>baton put</c> to a server whose disk fills says so in one line with its own exit code
/// (before: "Error while copying content to a stream", exit 3, after retrying a full disk), and the same command resumes once room
/// is made — byte-exact, sending only what the server does not hold.
/// </summary>
[Trait("Speed", "Slow")]
[Trait(TestStorage.Trait, TestStorage.DiskOnly)] // a tmpfs ROOT is the disk backend's
public sealed class PutDiskFullTests : IDisposable
{
    private const int MiB = 1 << 20;
    private readonly TempDirectory _dir = new("baton-diskfull-");

    private Dictionary<string, string?> Environment => new() { ["XDG_STATE_HOME"] = _dir.Combine("state") };

    [Fact]
    public async Task Put_onto_a_full_server_disk_exits_10_with_one_line_and_the_rerun_finishes_after_room_is_made()
    {
        using var disk = SmallDisk.Mount(16 * MiB);
        await using var baton = await BatonTestServer.StartAsync(root: disk.Folder);
        var source = _dir.WriteRandomFile("big.bin", 24 * MiB);
        string[] put = ["put", source, baton.Url("uploads/").AbsoluteUri, "--protocol", "tus", "--chunk-size", "4m"];

        var full = await BatonCli.RunAsync(put, environment: Environment);

        Assert.Equal(10, full.ExitCode);
        var errors = full.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("baton: error: ", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(errors);
        Assert.Contains("the server's storage is full (507)", line);
        Assert.DoesNotContain("retry", full.Output, StringComparison.OrdinalIgnoreCase); // a full disk is not retried

        disk.Resize(64 * MiB);
        var rerun = await BatonCli.RunAsync(put, environment: Environment);

        Assert.True(rerun.ExitCode == 0, rerun.Output);
        Assert.Equal(await File.ReadAllBytesAsync(source), baton.ReadStoredFile("big.bin"));
    }

    public void Dispose() => _dir.Dispose();
}
