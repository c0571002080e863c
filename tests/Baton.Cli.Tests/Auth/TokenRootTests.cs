using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Baton.Testing;

namespace Baton.Cli.Tests.Auth;

/// <summary>
/// Issue 11 item 3: <c>sign</c> and <c>token</c> never silently use ./data; <c>token create</c> does not replace a token of the
/// same name without --replace; <c>token list</c> and <c>token revoke</c> work, and a revoked token stops working against a
/// running server.
/// </summary>
public sealed partial class TokenRootTests : IDisposable
{
    private readonly TempDirectory _work = new("baton-token-");
    private readonly HttpClient _http = new();

    // BATON_ROOT must not leak in from the environment running the tests.
    private static readonly Dictionary<string, string?> NoRoot = new() { ["BATON_ROOT"] = "" };

    [Theory]
    [InlineData("token", "create", "alice", "--can", "download")]
    [InlineData("token", "list")]
    [InlineData("token", "revoke", "alice")]
    [InlineData("sign", "http://127.0.0.1:1/files/a.txt")]
    public async Task Without_root_a_folder_without_baton_state_is_refused_and_nothing_is_written(params string[] arguments)
    {
        var run = await BatonCli.RunAsync(arguments, workingDirectory: _work.Path, environment: NoRoot);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.EndsWith($"{_work.Combine("data")} holds no Baton state (no .baton folder); give the served folder with --root ROOT or $BATON_ROOT", line);
        Assert.Empty(Directory.GetFileSystemEntries(_work.Path));
    }

    [Fact]
    public async Task The_default_root_with_baton_state_is_used_and_named()
    {
        Directory.CreateDirectory(_work.Combine("data", ".baton"));

        var run = await BatonCli.RunAsync(["sign", "http://127.0.0.1:1/files/a.txt"], workingDirectory: _work.Path, environment: NoRoot);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"baton sign: root {_work.Combine("data")}", run.Output);
        Assert.True(File.Exists(_work.Combine("data", ".baton", "signing.key")));
    }

    [Fact]
    public async Task An_existing_name_needs_replace_and_list_shows_names_and_permissions()
    {
        var root = _work.Combine("root");
        Assert.Equal(0, (await BatonCli.RunAsync(["token", "create", "alice", "--can", "download", "--root", root])).ExitCode);

        var again = await BatonCli.RunAsync(["token", "create", "alice", "--can", "admin", "--root", root]);
        var listed = await BatonCli.RunAsync(["token", "list", "--root", root]);
        var replaced = await BatonCli.RunAsync(["token", "create", "alice", "--can", "admin", "--root", root, "--replace"]);
        var relisted = await BatonCli.RunAsync(["token", "list", "--root", root]);

        Assert.Equal(2, again.ExitCode);
        Assert.Contains("a token named 'alice' already exists", again.Output);
        Assert.Contains("alice\tdownload", listed.Output);
        Assert.Equal(0, replaced.ExitCode);
        Assert.Contains("alice\tadmin", relisted.Output);
        Assert.DoesNotContain("alice\tdownload", relisted.Output);
    }

    [Fact]
    public async Task A_revoked_token_stops_working_against_a_running_server()
    {
        var root = _work.Combine("root");
        var created = await BatonCli.RunAsync(["token", "create", "alice", "--can", "list", "--root", root]);
        await BatonCli.RunAsync(["token", "create", "ops", "--can", "admin", "--root", root]);
        var secret = created.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Single(l => l.StartsWith("bt_", StringComparison.Ordinal));
        await using var server = BatonCli.Start(["serve", root, "--urls", "http://127.0.0.1:0"], _work.Path);
        var line = await server.WaitForLineAsync(l => l.Contains("Baton is serving", StringComparison.Ordinal));
        var url = new Uri(new Uri(ListeningUrl().Match(line).Groups[1].Value.TrimEnd('/') + "/"), "api/files");
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(url, secret));

        var revoked = await BatonCli.RunAsync(["token", "revoke", "alice", "--root", root]);
        var missing = await BatonCli.RunAsync(["token", "revoke", "alice", "--root", root]);

        Assert.Equal(0, revoked.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(url, secret));
        Assert.Equal(6, missing.ExitCode);
        Assert.Contains("no token named 'alice'", missing.Output);
    }

    private async Task<HttpStatusCode> StatusAsync(Uri url, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    [GeneratedRegex(@" at (https?://\S+)")]
    private static partial Regex ListeningUrl();

    public void Dispose()
    {
        _http.Dispose();
        _work.Dispose();
    }
}
