using Baton.Testing;

namespace Baton.Cli.Tests;

/// <summary>
/// Issue 11 item 10: each message a user met that was wrong or unhelpful is now one precise line with the documented exit code
/// (docs/client.md, "Exit codes"). The CLI runs as a process against a real Baton server where one is needed.
/// </summary>
public sealed class MessageTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("baton-messages-");
    private BatonTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await BatonTestServer.StartAsync();
        _server.WriteRandomFile("a.txt", 10);
        _server.WriteRandomFile("sub/b.txt", 10);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task Ls_of_a_file_url_says_it_is_a_file_with_exit_code_2()
    {
        var run = await BatonCli.RunAsync(["ls", _server.Url("files/a.txt").AbsoluteUri]);

        AssertOneError(run, ExitCodes.Usage, $"{_server.Url("files/a.txt")} is a file, not a folder: baton ls lists folders");
    }

    [Fact]
    public async Task Ls_of_nothing_still_says_not_found_with_exit_code_6()
    {
        var run = await BatonCli.RunAsync(["ls", _server.Url("files/missing/").AbsoluteUri]);

        AssertOneError(run, ExitCodes.NotFound, "404 Not Found");
    }

    [Fact]
    public async Task Rm_of_a_folder_url_says_it_is_a_folder_with_exit_code_2()
    {
        var run = await BatonCli.RunAsync(["rm", _server.Url("files/sub/").AbsoluteUri]);

        AssertOneError(run, ExitCodes.Usage, $"{_server.Url("files/sub/")} is a folder: baton rm deletes one file at a time");
        Assert.True(_server.StoredFileExists("sub/b.txt"));
    }

    [Fact]
    public async Task Serve_of_a_file_says_root_must_be_a_folder_with_exit_code_2()
    {
        var file = _dir.WriteRandomFile("passwd", 10);
        var run = await BatonCli.RunAsync(["serve", file, "--urls", $"http://127.0.0.1:{FreePort.Next()}"]);

        AssertOneError(run, ExitCodes.Usage, $"{file} is a file; ROOT must be a folder");
    }

    [Fact]
    public async Task Get_into_a_folder_that_cannot_hold_files_says_so_with_exit_code_9()
    {
        var run = await BatonCli.RunAsync(["get", _server.Url("files/a.txt").AbsoluteUri, "-o", "/proc", "-q"]);

        AssertOneError(run, ExitCodes.LocalIo, "cannot write /proc/a.txt: /proc does not allow creating files (choose another -o)");
    }

    [Fact]
    public async Task Bare_baton_names_the_verbs_and_baton_help_with_exit_code_2()
    {
        var run = await BatonCli.RunAsync([]);

        AssertOneError(run, ExitCodes.Usage, "no command given; use one of: serve, get, put, ls, rm, mkdir, mv, token, sign (see 'baton --help')");
        Assert.DoesNotContain("baton baton", run.Output);
    }

    [Fact]
    public async Task A_missing_subverb_names_its_group_help()
    {
        var run = await BatonCli.RunAsync(["token"]);

        AssertOneError(run, ExitCodes.Usage, "(see 'baton token --help')");
    }

    [Fact]
    public async Task Put_to_the_base_url_points_at_uploads_with_exit_code_7()
    {
        var file = _dir.WriteRandomFile("x.bin", 100);
        var run = await BatonCli.RunAsync(["put", file, _server.BaseAddress.AbsoluteUri]);

        AssertOneError(run, ExitCodes.Refused, $"is not an upload endpoint (OPTIONS answered 405 Method Not Allowed); a Baton server takes uploads at {_server.Url("uploads/")}");
    }

    [Theory]
    [InlineData("get")]
    [InlineData("put")]
    public async Task Retries_help_prints_its_default_once(string verb)
    {
        var run = await BatonCli.RunAsync([verb, "--help"]);

        var line = Assert.Single(run.Output.Split('\n'), l => l.TrimStart().StartsWith("--retries", StringComparison.Ordinal));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(line, "default"));
    }

    [Fact]
    public async Task Chunk_checksums_help_shows_the_lower_case_values_the_docs_use()
    {
        var run = await BatonCli.RunAsync(["put", "--help"]);
        var docs = await File.ReadAllTextAsync(Path.Combine(BatonCli.RepositoryRoot, "docs", "client.md"));

        Assert.Contains("--chunk-checksums <auto|always|never>", run.Output);
        Assert.DoesNotContain("Always", run.Output);
        Assert.Contains("--chunk-checksums auto|always|never", docs);
    }

    private static void AssertOneError(RunningProcess run, int exitCode, string text)
    {
        Assert.True(run.ExitCode == exitCode, $"exit {run.ExitCode}: {run.Output}");
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("baton: error: ", line);
        Assert.Contains(text, line);
    }
}
