using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Baton.Cluster.Tests.Hosting;
using Baton.Cluster.Tests.Postgres;
using Baton.Protocol.Possession;
using Baton.Server;
using Baton.Server.Auth;
using Baton.Server.Tests.Uploads;
using Baton.Testing;
using Npgsql;

namespace Baton.Cluster.Tests.Instances;

/// <summary>
/// Instant uploads (issue 15) across two instances on one database and one bucket: content stored through A completes a
/// digest-first creation on B (the content index is shared), and a proof-of-possession challenge issued by A is answered on B —
/// once: an answer taken on one instance is gone for the other.
/// </summary>
[Collection(RgwFixture.Collection)]
[Trait("Speed", "Slow")]
public sealed class ClusterInstantTests(RgwFixture rgw)
{
    private const string Alice = "bt_alice_cluster_instant_0123456789";
    private const string Bob = "bt_bob_cluster_instant_0123456789";

    private static void Tokens(BatonOptions o)
    {
        o.Auth.Tokens =
        [
            new TokenEntry { Name = "alice", Sha256 = TokenStore.Hash(Alice), Scope = "home/alice", Permissions = [BatonPermissions.Upload, BatonPermissions.Download] },
            new TokenEntry { Name = "bob", Sha256 = TokenStore.Hash(Bob), Scope = "home/bob", Permissions = [BatonPermissions.Upload, BatonPermissions.Download] },
        ];
        o.Uploads.InstantAcrossScopes = true;
    }

    private static byte[] Content(int seed)
    {
        var bytes = new byte[100_000];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static void Authorize(HttpRequestMessage request, string token) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

    private static async Task UploadAsync(BatonTestServer instance, string token, string name, byte[] content)
    {
        using var request = Tus.Create(content.Length, name);
        Authorize(request, token);
        request.Content = new ByteArrayContent(content);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Tus.OctetStream);
        using var response = await instance.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>A tus creation declaring the content's SHA-256 (<c>Repr-Digest</c>, RFC 9530) and sending none of it.</summary>
    private static Task<HttpResponseMessage> DigestFirstAsync(BatonTestServer instance, string token, string name, byte[] content)
    {
        var request = Tus.Create(content.Length, name);
        request.Headers.TryAddWithoutValidation("Repr-Digest", $"sha-256=:{Convert.ToBase64String(SHA256.HashData(content))}:");
        Authorize(request, token);
        return instance.Client.SendAsync(request);
    }

    private static string Answer(string challengeField, byte[] content)
    {
        Assert.True(PossessionChallenge.TryParse(challengeField, out var challenge), challengeField);
        using var hmac = challenge.StartAnswer();
        foreach (var range in challenge.Ranges)
        {
            hmac.AppendData(content, (int)range.First, (int)range.Length);
        }
        return PossessionProof.Format(hmac.GetHashAndReset());
    }

    private static async Task<string?> ProveAsync(BatonTestServer instance, string token, string location, string proof)
    {
        using var request = Tus.Request(HttpMethod.Post, location, ("Baton-Proof", proof));
        Authorize(request, token);
        using var response = await instance.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        return Tus.Header(response, "Upload-Offset");
    }

    [Fact]
    public async Task Content_stored_through_one_instance_completes_a_digest_first_creation_on_the_other()
    {
        var setup = new ClusterSetup(rgw.Engine.Options(), await TestDatabase.CreateIsolatedConnectionStringAsync());
        await using var a = await ClusterInstance.StartAsync(setup, Tokens);
        await using var b = await ClusterInstance.StartAsync(setup, Tokens);
        var content = Content(31);
        await UploadAsync(a, Alice, "original.bin", content);
        // Indexed in PostgreSQL (schema step 4), not in the bucket.
        await using (var source = NpgsqlDataSource.Create(setup.Postgres))
        await using (var indexed = source.CreateCommand("SELECT name FROM baton_files WHERE sha256 = $1 AND size = $2"))
        {
            indexed.Parameters.AddWithValue(SHA256.HashData(content));
            indexed.Parameters.AddWithValue((long)content.Length);
            Assert.Equal("home/alice/original.bin", await indexed.ExecuteScalarAsync());
        }

        using var created = await DigestFirstAsync(b, Alice, "copy.bin", content);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(content.Length.ToString(), Tus.Header(created, "Upload-Offset"));
        Assert.Null(Tus.Header(created, "Baton-Proof-Challenge"));
        Assert.Equal("/files/copy.bin", Tus.Header(created, "Baton-File-Url")); // in Alice's scope
        using var get = new HttpRequestMessage(HttpMethod.Get, "files/copy.bin");
        Authorize(get, Alice);
        using var download = await a.Client.SendAsync(get);
        Assert.Equal(content, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_challenge_issued_by_one_instance_is_answered_on_the_other_once()
    {
        var setup = new ClusterSetup(rgw.Engine.Options(), await TestDatabase.CreateIsolatedConnectionStringAsync());
        await using var a = await ClusterInstance.StartAsync(setup, Tokens);
        await using var b = await ClusterInstance.StartAsync(setup, Tokens);
        var secret = Content(32);
        var other = Content(34);
        await UploadAsync(a, Alice, "secret.bin", secret);
        await UploadAsync(a, Alice, "other.bin", other);

        // Bob may not read Alice's file: A challenges him, and his right answer on B completes his upload.
        using var proven = await DigestFirstAsync(a, Bob, "proven.bin", secret);
        Assert.Equal(HttpStatusCode.Created, proven.StatusCode);
        var location = proven.Headers.Location!.OriginalString;
        Assert.Equal(secret.Length.ToString(),
            await ProveAsync(b, Bob, location, Answer(Tus.Header(proven, "Baton-Proof-Challenge")!, secret)));

        // A challenge taken by a (wrong) answer on B is gone for A: the right answer there comes too late. (Other content: Bob
        // now may read the first, which completes at once.)
        using var once = await DigestFirstAsync(a, Bob, "once.bin", other);
        var challenge = Tus.Header(once, "Baton-Proof-Challenge")!;
        var onceLocation = once.Headers.Location!.OriginalString;
        Assert.Equal("0", await ProveAsync(b, Bob, onceLocation, Answer(challenge, Content(33))));
        Assert.Equal("0", await ProveAsync(a, Bob, onceLocation, Answer(challenge, other)));
    }
}
