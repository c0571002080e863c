using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Baton.Testing;

namespace Baton.Cli.Tests.Auth;

/// <summary>
/// Issue 14 item 5: <c>token create --scope</c> confines a token to a folder (which <c>token list</c> shows), refuses a scope
/// that is not a folder below the root, and a running server shows the scoped token only its folder, as its root.
/// </summary>
public sealed partial class ScopedTokenTests : IDisposable
{
    private readonly TempDirectory _work = new("baton-scope-");
    private readonly HttpClient _http = new();

    [Theory]
    [InlineData("../outside")]
    [InlineData("home/../../etc")]
    [InlineData(".baton")]
    public async Task A_scope_outside_or_hidden_is_refused_and_no_token_is_written(string scope)
    {
        var root = _work.Combine("root");

        var run = await BatonCli.RunAsync(["token", "create", "alice", "--can", "list", "--scope", scope, "--root", root]);
        var listed = await BatonCli.RunAsync(["token", "list", "--root", root]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"--scope '{scope}' is not a folder below the root", run.Output);
        Assert.DoesNotContain("bt_", run.Output);
        Assert.DoesNotContain("alice", listed.Output);
    }

    [Fact]
    [Trait("Speed", "Slow")]
    public async Task A_scoped_token_is_listed_with_its_scope_and_sees_only_its_folder_as_its_root()
    {
        var root = _work.Combine("root");
        var created = await BatonCli.RunAsync(["token", "create", "alice", "--can", "upload,download,list", "--scope", "home/alice", "--root", root]);
        await BatonCli.RunAsync(["token", "create", "ops", "--can", "admin", "--root", root]);
        var listed = await BatonCli.RunAsync(["token", "list", "--root", root]);
        File.WriteAllText(Path.Combine(root, "home", "alice", "mine.txt"), "alice's");
        File.WriteAllText(Path.Combine(root, "top.txt"), "the root's");
        var secret = created.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Single(l => l.StartsWith("bt_", StringComparison.Ordinal));

        Assert.Equal(0, created.ExitCode);
        Assert.Contains("confined to home/alice/", created.Output);
        Assert.Contains("alice\tupload,download,list\thome/alice/", listed.Output);
        Assert.Contains("ops\tadmin\t/", listed.Output);

        await using var server = BatonCli.Start(["serve", root, "--urls", "http://127.0.0.1:0"], _work.Path);
        var line = await server.WaitForLineAsync(l => l.Contains("Baton is serving", StringComparison.Ordinal));
        var baseUrl = new Uri(ListeningUrl().Match(line).Groups[1].Value.TrimEnd('/') + "/");
        var listing = await GetAsync(new Uri(baseUrl, "api/files"), secret);
        var outside = await GetAsync(new Uri(baseUrl, "files/top.txt"), secret);
        var own = await GetAsync(new Uri(baseUrl, "files/mine.txt"), secret);

        Assert.Contains("\"mine.txt\"", listing.Body);
        Assert.DoesNotContain("top.txt", listing.Body);
        Assert.DoesNotContain("home", listing.Body);
        Assert.Equal(404, outside.Status);
        Assert.DoesNotContain("the root's", outside.Body);
        Assert.Equal((200, "alice's"), (own.Status, own.Body));
    }

    private async Task<(int Status, string Body)> GetAsync(Uri url, string secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var response = await _http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@" at (https?://\S+)")]
    private static partial Regex ListeningUrl();

    public void Dispose()
    {
        _http.Dispose();
        _work.Dispose();
    }
}
