using System.Net;
using System.Net.Http.Headers;
using Baton.Server.Auth;
using Baton.Server.Tests.Uploads.Ietf;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads.Instant;

/// <summary>
/// Issue 15 items 2–4 with callers who may not read the content (another scope, an upload-only token): an ordinary creation that is
/// indistinguishable from one for content that does not exist; with <c>Uploads:InstantAcrossScopes</c> a challenge either way, a
/// right answer completes the upload, a wrong one is answered exactly as absent content is, and each challenge is answered once.
/// </summary>
public sealed class InstantScopeTests : IAsyncDisposable
{
    private const string Alice = "bt_alice_instant_0123456789";
    private const string Bob = "bt_bob_instant_0123456789";
    private const string UploadOnly = "bt_upload_only_instant_0123456789";
    private readonly byte[] _secret = Instant.Content(100_000, 21);
    private readonly byte[] _neverStored = Instant.Content(100_000, 22);
    private BatonTestServer? _server;

    private BatonTestServer Server => _server!;

    private async Task StartAsync(bool acrossScopes, int proofsPerMinute = 60)
    {
        _server = await BatonTestServer.StartAsync(o =>
        {
            o.Auth.Tokens =
            [
                new TokenEntry { Name = "alice", Sha256 = TokenStore.Hash(Alice), Scope = "home/alice", Permissions = [BatonPermissions.Upload, BatonPermissions.Download] },
                new TokenEntry { Name = "bob", Sha256 = TokenStore.Hash(Bob), Scope = "home/bob", Permissions = [BatonPermissions.Upload, BatonPermissions.Download] },
                new TokenEntry { Name = "drop", Sha256 = TokenStore.Hash(UploadOnly), Permissions = [BatonPermissions.Upload] },
            ];
            o.Uploads.InstantAcrossScopes = acrossScopes;
            o.Auth.ProofAnswersPerMinute = proofsPerMinute;
        });
        // Alice stores her file the ordinary way.
        using var request = Tus.Create(_secret.Length, "secret.bin");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Alice);
        request.Content = new ByteArrayContent(_secret);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Tus.OctetStream);
        using var response = await Server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(_secret, Server.ReadStoredFile("home/alice/secret.bin"));
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<(HttpResponseMessage Response, string Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await Server.Client.SendAsync(request);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static void AssertSameShape((HttpResponseMessage Response, string Body) a, (HttpResponseMessage Response, string Body) b)
    {
        Assert.Equal(a.Response.StatusCode, b.Response.StatusCode);
        Assert.Equal(Instant.FieldNames(a.Response), Instant.FieldNames(b.Response));
        Assert.Equal(Tus.Header(a.Response, "Upload-Offset"), Tus.Header(b.Response, "Upload-Offset"));
        Assert.Equal(Tus.Header(a.Response, "Upload-Complete"), Tus.Header(b.Response, "Upload-Complete"));
        Assert.Equal(a.Body, b.Body);
    }

    [Theory]
    [InlineData(Bob)]
    [InlineData(UploadOnly)]
    public async Task A_caller_who_may_not_read_the_content_gets_an_ordinary_creation(string token)
    {
        await StartAsync(acrossScopes: false);

        var (response, _) = await SendAsync(Instant.Tus(_secret.Length, "mine.bin", Instant.Sha256Field(_secret), token));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("0", Tus.Header(response, "Upload-Offset"));
        Assert.Null(Tus.Header(response, "Baton-File-Url"));
        Assert.Null(Tus.Header(response, "Baton-Proof-Challenge"));
        Assert.False(Server.StoredFileExists("home/bob/mine.bin"));
        Assert.False(Server.StoredFileExists("mine.bin"));
    }

    [Fact]
    public async Task Alice_herself_completes_instantly_inside_her_scope()
    {
        await StartAsync(acrossScopes: false);

        var (response, _) = await SendAsync(Instant.Tus(_secret.Length, "again.bin", Instant.Sha256Field(_secret), Alice));

        Assert.Equal(_secret.Length.ToString(), Tus.Header(response, "Upload-Offset"));
        Assert.Equal("/files/again.bin", Tus.Header(response, "Baton-File-Url"));
        Assert.Equal(_secret, Server.ReadStoredFile("home/alice/again.bin"));
    }

    [Theory]
    [InlineData(false, "tus")]
    [InlineData(false, "ietf")]
    [InlineData(true, "tus")]
    [InlineData(true, "ietf")]
    public async Task Existing_and_absent_content_get_the_same_answer_at_creation(bool acrossScopes, string protocol)
    {
        await StartAsync(acrossScopes);
        HttpRequestMessage Create(byte[] content, string name) => protocol == "tus"
            ? Instant.Tus(content.Length, name, Instant.Sha256Field(content), Bob)
            : Instant.Ietf(content.Length, name, Instant.Sha256Field(content), Bob);

        var existing = await SendAsync(Create(_secret, "a.bin"));
        var absent = await SendAsync(Create(_neverStored, "b.bin"));

        Assert.Equal(HttpStatusCode.Created, existing.Response.StatusCode);
        Assert.Equal("0", Tus.Header(existing.Response, "Upload-Offset"));
        AssertSameShape(existing, absent);
        Assert.Equal(acrossScopes, Tus.Header(existing.Response, "Baton-Proof-Challenge") is not null);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_right_proof_completes_the_upload_with_the_stored_content(bool ietf)
    {
        await StartAsync(acrossScopes: true);
        var (created, _) = await SendAsync(ietf
            ? Instant.Ietf(_secret.Length, "proven.bin", Instant.Sha256Field(_secret), Bob)
            : Instant.Tus(_secret.Length, "proven.bin", Instant.Sha256Field(_secret), Bob));
        var challenge = Tus.Header(created, "Baton-Proof-Challenge")!;
        var location = created.Headers.Location!.OriginalString;

        var (answered, body) = await SendAsync(Instant.Proof(location, Instant.Answer(challenge, _secret), Bob, ietf));

        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);
        Assert.Equal("", body);
        Assert.Equal(_secret.Length.ToString(), Tus.Header(answered, "Upload-Offset"));
        Assert.Equal("/files/proven.bin", Tus.Header(answered, "Baton-File-Url"));
        if (ietf)
        {
            Assert.Equal("?1", Rufh.Header(answered, "Upload-Complete"));
        }
        Assert.Equal(_secret, Server.ReadStoredFile("home/bob/proven.bin"));
        var (head, _) = await SendAsync(Instant.Head(location, Bob));
        Assert.Equal(_secret.Length.ToString(), Tus.Header(head, "Upload-Offset"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_wrong_proof_is_answered_exactly_as_a_proof_for_absent_content(bool ietf)
    {
        await StartAsync(acrossScopes: true);
        var (existing, _) = await SendAsync(Instant.Tus(_secret.Length, "x.bin", Instant.Sha256Field(_secret), Bob));
        var (absent, _) = await SendAsync(Instant.Tus(_neverStored.Length, "y.bin", Instant.Sha256Field(_neverStored), Bob));
        var wrongContent = Instant.Content(_secret.Length, 23);

        var wrong = await SendAsync(Instant.Proof(existing.Headers.Location!.OriginalString,
            Instant.Answer(Tus.Header(existing, "Baton-Proof-Challenge")!, wrongContent), Bob, ietf));
        // Bob really holds these bytes, but the server does not: the same answer.
        var nothingThere = await SendAsync(Instant.Proof(absent.Headers.Location!.OriginalString,
            Instant.Answer(Tus.Header(absent, "Baton-Proof-Challenge")!, _neverStored), Bob, ietf));

        Assert.Equal(HttpStatusCode.NoContent, wrong.Response.StatusCode);
        Assert.Equal("0", Tus.Header(wrong.Response, "Upload-Offset"));
        AssertSameShape(wrong, nothingThere);
        Assert.False(Server.StoredFileExists("home/bob/x.bin"));
    }

    [Fact]
    public async Task A_challenge_is_answered_once_and_the_upload_then_goes_on_as_an_ordinary_one()
    {
        await StartAsync(acrossScopes: true);
        var (created, _) = await SendAsync(Instant.Tus(_secret.Length, "once.bin", Instant.Sha256Field(_secret), Bob));
        var challenge = Tus.Header(created, "Baton-Proof-Challenge")!;
        var location = created.Headers.Location!.OriginalString;
        await SendAsync(Instant.Proof(location, Instant.Answer(challenge, Instant.Content(_secret.Length, 24)), Bob));

        var (second, _) = await SendAsync(Instant.Proof(location, Instant.Answer(challenge, _secret), Bob));

        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal("0", Tus.Header(second, "Upload-Offset"));
        Assert.False(Server.StoredFileExists("home/bob/once.bin"));
        // Sending the bytes always works, and they are checked against the declared digest.
        var patch = Tus.Patch(location, 0, _secret);
        patch.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Bob);
        var (patched, _) = await SendAsync(patch);
        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        Assert.Equal(_secret, Server.ReadStoredFile("home/bob/once.bin"));
    }

    [Fact]
    public async Task Answers_are_rate_limited_per_caller()
    {
        await StartAsync(acrossScopes: true, proofsPerMinute: 2);
        var (created, _) = await SendAsync(Instant.Tus(_secret.Length, "limited.bin", Instant.Sha256Field(_secret), Bob));
        var location = created.Headers.Location!.OriginalString;
        var guess = ":" + Convert.ToBase64String(new byte[32]) + ":";

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await SendAsync(Instant.Proof(location, guess, Bob))).Response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, (HttpStatusCode)429], statuses);
    }

    [Fact]
    public async Task A_proof_that_is_not_a_32_byte_sequence_is_a_400()
    {
        await StartAsync(acrossScopes: true);
        var (created, _) = await SendAsync(Instant.Tus(_secret.Length, "bad-proof.bin", Instant.Sha256Field(_secret), Bob));

        var (response, _) = await SendAsync(Instant.Proof(created.Headers.Location!.OriginalString, ":AAAA:", Bob));

        await Rufh.AssertProblemAsync(response, 400, "urn:baton:problem:invalid-proof");
    }

    [Fact]
    [Trait(TestStorage.Trait, TestStorage.DiskOnly)]
    public async Task Dedupe_shares_storage_only_with_a_file_the_uploader_may_read()
    {
        await StartAsync(acrossScopes: false);
        async Task UploadAsync(string token, string name)
        {
            using var request = Tus.Create(_secret.Length, name);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Content = new ByteArrayContent(_secret);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(Tus.OctetStream);
            using var response = await Server.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        async Task<string> InodeAsync(string name) =>
            (await RunningProcess.RunAsync("stat", ["-c", "%i", Server.Root.Combine(name.Split('/'))])).Output.Trim();

        await UploadAsync(Alice, "again.bin");
        await UploadAsync(Bob, "mine.bin");

        // Alice's second copy is her first one's inode; Bob's is his own: sharing it would show him Alice's file's modification
        // time (Last-Modified) — that the content was stored before, and when.
        Assert.Equal(await InodeAsync("home/alice/secret.bin"), await InodeAsync("home/alice/again.bin"));
        Assert.NotEqual(await InodeAsync("home/alice/secret.bin"), await InodeAsync("home/bob/mine.bin"));
        Assert.Equal(_secret, Server.ReadStoredFile("home/bob/mine.bin"));
    }

    [Fact]
    public async Task Another_caller_cannot_answer_someone_elses_challenge()
    {
        await StartAsync(acrossScopes: true);
        var (created, _) = await SendAsync(Instant.Tus(_secret.Length, "bobs.bin", Instant.Sha256Field(_secret), Bob));
        var challenge = Tus.Header(created, "Baton-Proof-Challenge")!;

        var (response, _) = await SendAsync(Instant.Proof(created.Headers.Location!.OriginalString, Instant.Answer(challenge, _secret), Alice));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
