using System.Security.Cryptography;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads.Ietf;

/// <summary>RFC 9530 <c>Repr-Digest</c> on IETF uploads ("Integrity Digests", kept in every draft including the editor's copy):
/// the whole representation is checked at completion; a mismatch discards it and answers the final response.</summary>
public sealed class IetfReprDigestTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BatonTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client => _server.Client;

    private static string Sha256Field(byte[] data) => $"sha-256=:{Convert.ToBase64String(SHA256.HashData(data))}:";

    [Theory]
    [InlineData(6, 201)]
    [InlineData(9, 200)]
    public async Task A_matching_Repr_Digest_given_at_creation_is_verified_at_completion(int version, int completed)
    {
        var content = "verified content"u8.ToArray();
        var create = Rufh.Create(version, false, content[..5], "digest.txt");
        create.Headers.TryAddWithoutValidation("Repr-Digest", Sha256Field(content));
        using var created = await Client.SendAsync(create);

        using var last = await Client.SendAsync(Rufh.Patch(version, created.Headers.Location!.OriginalString, 5, true, content[5..]));

        Assert.Equal(completed, (int)last.StatusCode);
        Assert.Equal(content, _server.ReadStoredFile("digest.txt"));
    }

    [Theory]
    [InlineData(6, 404)]
    [InlineData(8, 410)]
    [InlineData(9, 410)]
    public async Task A_mismatching_Repr_Digest_discards_the_upload_and_no_file_appears(int version, int afterwards)
    {
        var location = await Rufh.CreateAsync(Client, version, "abc"u8.ToArray(), "bad-digest.txt");
        var last = Rufh.Patch(version, location, 3, true, "def"u8.ToArray());
        last.Headers.TryAddWithoutValidation("Repr-Digest", Sha256Field("abcdeX"u8.ToArray()));

        using var response = await Client.SendAsync(last);

        await Rufh.AssertProblemAsync(response, 400, "urn:baton:problem:repr-digest-mismatch");
        // The representation arrived whole and its processing failed: this is the upload's final response.
        Assert.Equal("?1", Rufh.Header(response, "Upload-Complete"));
        Assert.False(_server.StoredFileExists("bad-digest.txt"));
        using var head = await Client.SendAsync(Rufh.Request(version, HttpMethod.Head, location));
        Assert.Equal(afterwards, (int)head.StatusCode);
    }
}
