using Baton.Testing;

namespace Baton.Cli.Tests.Folders;

/// <summary>
/// <c>baton mkdir</c>, <c>baton mv</c>, <c>baton rm -r</c> and <c>baton ls</c> sizes (issue 14 item 4), run as processes
/// against a real Baton server; refusals are one line with the documented exit code.
/// Stored state is checked through the backend, so they hold on S3 too (BATON_TEST_STORAGE=s3).
/// </summary>
public sealed class FolderVerbTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BatonTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Url(string path) => _server.Url("files/" + path).AbsoluteUri;

    [Fact]
    public async Task Mkdir_creates_the_folder_and_a_second_time_is_refused_with_exit_7()
    {
        var created = await BatonCli.RunAsync(["mkdir", Url("photos/2024/")]);
        var again = await BatonCli.RunAsync(["mkdir", Url("photos/2024/")]);

        Assert.True(created.ExitCode == 0, created.Output);
        Assert.True(_server.StoredFolderExists("photos/2024"));
        Assert.Equal(ExitCodes.Refused, again.ExitCode);
        Assert.Contains("409", again.Output);
    }

    [Fact]
    public async Task Mv_renames_a_file_keeping_its_bytes_and_refuses_a_taken_name()
    {
        var original = File.ReadAllBytes(_server.WriteRandomFile("a.bin", 5000));
        _server.WriteRandomFile("taken.bin", 10);

        var refused = await BatonCli.RunAsync(["mv", Url("a.bin"), Url("taken.bin")]);
        var moved = await BatonCli.RunAsync(["mv", Url("a.bin"), Url("archive/b.bin")]);

        Assert.Equal(ExitCodes.Refused, refused.ExitCode);
        Assert.True(moved.ExitCode == 0, moved.Output);
        Assert.Equal(original, _server.ReadStoredFile("archive/b.bin"));
        Assert.False(_server.StoredFileExists("a.bin"));
    }

    [Fact]
    public async Task Mv_of_a_folder_into_itself_is_refused()
    {
        _server.WriteRandomFile("top/f.bin", 10);

        var run = await BatonCli.RunAsync(["mv", Url("top/"), Url("top/inner/")]);

        Assert.Equal(ExitCodes.Refused, run.ExitCode);
        Assert.Contains("400", run.Output);
        Assert.True(_server.StoredFileExists("top/f.bin"));
    }

    [Fact]
    public async Task Rm_r_deletes_a_folder_tree_and_plain_rm_does_not()
    {
        _server.WriteRandomFile("old/x/f.bin", 10);

        var plain = await BatonCli.RunAsync(["rm", Url("old/")]);
        Assert.True(_server.StoredFileExists("old/x/f.bin"));
        var recursive = await BatonCli.RunAsync(["rm", "-r", Url("old/")]);

        Assert.Equal(ExitCodes.Usage, plain.ExitCode);
        Assert.True(recursive.ExitCode == 0, recursive.Output);
        Assert.False(_server.StoredFolderExists("old"));
    }

    [Fact]
    public async Task Rm_r_of_a_folder_url_without_slash_deletes_it_too()
    {
        _server.WriteRandomFile("old/f.bin", 10);

        var run = await BatonCli.RunAsync(["rm", "-r", Url("old")]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.False(_server.StoredFolderExists("old"));
    }

    [Fact]
    public async Task Ls_prints_human_sizes_and_exact_bytes_on_request()
    {
        _server.WriteRandomFile("big.bin", 3 * 1024 * 1024 / 2);

        var human = await BatonCli.RunAsync(["ls", _server.BaseAddress.AbsoluteUri]);
        var exact = await BatonCli.RunAsync(["ls", _server.BaseAddress.AbsoluteUri, "--bytes"]);

        Assert.Contains("1.5 MiB", human.Output);
        Assert.Contains("1572864", exact.Output);
    }
}
