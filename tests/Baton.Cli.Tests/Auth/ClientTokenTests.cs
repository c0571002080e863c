using Baton.Server.Auth;
using Baton.Testing;

namespace Baton.Cli.Tests.Auth;

/// <summary>get, put, ls and rm against a Baton with access control: --token or BATON_TOKEN, and a clear refusal without.</summary>
public sealed class ClientTokenTests : IAsyncLifetime
{
    private const string Secret = "bt_cli_secret_0123456789";
    private readonly TempDirectory _work = new("baton-cli-token-");
    private BatonTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await BatonTestServer.StartAsync(o => o.Auth.Tokens =
            [new TokenEntry { Name = "cli", Sha256 = TokenStore.Hash(Secret), Permissions = [BatonPermissions.Admin] }]);
        File.WriteAllText(_server.Root.Combine("doc.txt"), "protected content");
        TestStorage.Publish(_server.Services, _server.Root.Path, "doc.txt");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _work.Dispose();
    }

    [Fact]
    public async Task Every_verb_works_with_a_token_and_get_is_refused_without()
    {
        var url = _server.Url("files/doc.txt").ToString();
        var refused = await BatonCli.RunAsync(["get", url, "-o", _work.Combine("no.txt"), "-q"], workingDirectory: _work.Path);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("401", refused.Output);
        Assert.False(File.Exists(_work.Combine("no.txt")));

        var got = await BatonCli.RunAsync(["get", url, "-o", _work.Combine("doc.txt"), "-q", "--token", Secret], workingDirectory: _work.Path);
        Assert.True(got.ExitCode == 0, got.Output);
        Assert.Equal("protected content", File.ReadAllText(_work.Combine("doc.txt")));

        var environment = new Dictionary<string, string?> { ["BATON_TOKEN"] = Secret };
        var listed = await BatonCli.RunAsync(["ls", _server.BaseAddress.ToString()], workingDirectory: _work.Path, environment: environment);
        Assert.True(listed.ExitCode == 0, listed.Output);
        Assert.Contains("doc.txt", listed.Output);

        File.WriteAllText(_work.Combine("up.txt"), "uploaded with a token");
        var put = await BatonCli.RunAsync(["put", _work.Combine("up.txt"), _server.Url("uploads").ToString(), "-q"],
            workingDirectory: _work.Path, environment: new Dictionary<string, string?> { ["BATON_TOKEN"] = Secret, ["XDG_STATE_HOME"] = _work.Combine("state") });
        Assert.True(put.ExitCode == 0, put.Output);
        Assert.Equal("uploaded with a token", _server.ReadStoredText("up.txt"));

        var removed = await BatonCli.RunAsync(["rm", url, "--token", Secret], workingDirectory: _work.Path);
        Assert.True(removed.ExitCode == 0, removed.Output);
        Assert.False(_server.StoredFileExists("doc.txt"));
    }
}
