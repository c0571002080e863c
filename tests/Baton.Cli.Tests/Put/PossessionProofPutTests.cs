using System.Text.Json;
using Baton.Server;
using Baton.Server.Auth;
using Baton.Testing;

namespace Baton.Cli.Tests.Put;

/// <summary>
/// Issue 15 item 3 from <c>baton put</c>'s side, with <c>Uploads:InstantAcrossScopes</c>: content stored in another scope is
/// answered with a proof-of-possession challenge, which put answers from the local file (HMAC over the asked ranges) — the upload
/// then completes without its bytes; content stored nowhere gets the same challenge, the answer is not accepted, and the bytes go.
/// </summary>
public sealed class PossessionProofPutTests : IDisposable
{
    private const int MiB = 1 << 20;
    private const string Alice = "bt_alice_instant_0123456789";
    private const string Bob = "bt_bob_instant_0123456789";
    private readonly TempDirectory _dir = new("baton-proof-");
    private readonly UploadTraffic _traffic = new();

    private Dictionary<string, string?> Environment => new() { ["XDG_STATE_HOME"] = _dir.Combine("state") };

    private static JsonElement Result(string output) =>
        JsonDocument.Parse(output.Split('\n').Last(l => l.Contains("\"type\":\"result\"", StringComparison.Ordinal))).RootElement;

    private Task<BatonTestServer> StartAsync() => BatonTestServer.StartAsync(o =>
    {
        o.Uploads.InstantAcrossScopes = true;
        o.Auth.Tokens =
        [
            new TokenEntry { Name = "alice", Sha256 = TokenStore.Hash(Alice), Scope = "home/alice", Permissions = [BatonPermissions.Upload, BatonPermissions.Download, BatonPermissions.List] },
            new TokenEntry { Name = "bob", Sha256 = TokenStore.Hash(Bob), Scope = "home/bob", Permissions = [BatonPermissions.Upload, BatonPermissions.Download, BatonPermissions.List] },
        ];
        o.Auth.ApiRequestsPerMinute = 10_000;
    }, _traffic.Install);

    [Fact]
    public async Task Content_stored_in_another_scope_completes_after_the_proof_without_its_bytes()
    {
        await using var baton = await StartAsync();
        var source = _dir.WriteRandomFile("shared.bin", 4 * MiB + 3, seed: 30);
        var alice = await BatonCli.RunAsync(["put", source, baton.Url("uploads/").AbsoluteUri, "--token", Alice], environment: Environment);
        Assert.True(alice.ExitCode == 0, alice.Output);
        var before = _traffic.Count;

        var bob = await BatonCli.RunAsync(["put", source, baton.Url("uploads/").AbsoluteUri, "--token", Bob, "--json"], environment: Environment);

        Assert.True(bob.ExitCode == 0, bob.Output);
        var result = Result(bob.Output);
        Assert.True(result.GetProperty("alreadyStored").GetBoolean());
        Assert.True(result.GetProperty("verified").GetBoolean());
        var requests = _traffic.Since(before);
        Assert.Equal(2, requests.Count(r => r.Method == "POST")); // the digest-first creation, then the one answer
        Assert.DoesNotContain(requests, r => r.Method == "PATCH");
        Assert.Equal(0, _traffic.ContentBytesSince(before));
        Assert.Equal(File.ReadAllBytes(source), baton.ReadStoredFile("home/bob/shared.bin"));
    }

    [Fact]
    public async Task Content_stored_nowhere_gets_the_same_challenge_and_is_then_uploaded()
    {
        await using var baton = await StartAsync();
        var source = _dir.WriteRandomFile("new.bin", 3 * MiB + 1, seed: 31);

        var bob = await BatonCli.RunAsync(["put", source, baton.Url("uploads/").AbsoluteUri, "--token", Bob, "--json"], environment: Environment);

        Assert.True(bob.ExitCode == 0, bob.Output);
        Assert.False(Result(bob.Output).GetProperty("alreadyStored").GetBoolean());
        Assert.Equal(2, _traffic.Since(0).Count(r => r.Method == "POST"));
        Assert.Equal(3 * MiB + 1, _traffic.ContentBytesSince(0));
        Assert.Equal(File.ReadAllBytes(source), baton.ReadStoredFile("home/bob/new.bin"));
    }

    public void Dispose() => _dir.Dispose();
}
