using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Baton.Server.Tests.Uploads.Ietf;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads.Instant;

/// <summary>
/// Issue 15 item 2 on an open server (every caller may read everything): a creation that declares the SHA-256 and length of stored
/// content, and sends none of it, completes at once in tus and IETF shape — placed under its own name, byte-identical — and every
/// other creation stays ordinary. Runs on disk and on S3.
/// </summary>
public sealed class InstantUploadTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;
    private readonly byte[] _content = Instant.Content(100_000, 15);

    public async Task InitializeAsync()
    {
        _server = await BatonTestServer.StartAsync();
        await UploadAsync("original.bin", _content);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client => _server.Client;

    /// <summary>An ordinary tus creation-with-upload of the whole content; returns the file URL.</summary>
    private async Task<string?> UploadAsync(string name, byte[] content)
    {
        using var request = Tus.Create(content.Length, name);
        request.Content = new ByteArrayContent(content);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Tus.OctetStream);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return Tus.Header(response, "Baton-File-Url");
    }

    [Fact]
    public async Task A_tus_creation_with_the_digest_of_stored_content_completes_at_once_under_its_own_name()
    {
        using var response = await Client.SendAsync(Instant.Tus(_content.Length, "copy.bin", Instant.Sha256Field(_content)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(_content.Length.ToString(), Tus.Header(response, "Upload-Offset"));
        Assert.Equal("/files/copy.bin", Tus.Header(response, "Baton-File-Url"));
        Assert.Null(Tus.Header(response, "Baton-Proof-Challenge"));
        Assert.Equal(_content, _server.ReadStoredFile("copy.bin"));
        Assert.Equal(_content, _server.ReadStoredFile("original.bin"));
        // A later HEAD on the upload URL reports it complete, naming the file.
        using var head = await Client.SendAsync(Tus.Head(response.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
        Assert.Equal(_content.Length.ToString(), Tus.Header(head, "Upload-Offset"));
        Assert.Equal("/files/copy.bin", Tus.Header(head, "Baton-File-Url"));
        // And the file downloads with the declared digest.
        using var get = await Client.GetAsync("files/copy.bin");
        Assert.Equal(_content, await get.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task An_IETF_creation_with_the_digest_and_no_content_completes_at_once()
    {
        using var response = await Client.SendAsync(Instant.Ietf(_content.Length, "ietf-copy.bin", Instant.Sha256Field(_content)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("?1", Rufh.Header(response, "Upload-Complete"));
        Assert.Equal(_content.Length.ToString(), Rufh.Header(response, "Upload-Offset"));
        Assert.Equal("/files/ietf-copy.bin", Rufh.Header(response, "Baton-File-Url"));
        Assert.Equal(_content, _server.ReadStoredFile("ietf-copy.bin"));
        using var head = await Client.SendAsync(Rufh.Request(Instant.Interop, HttpMethod.Head, response.Headers.Location!.OriginalString));
        Assert.Equal("?1", Rufh.Header(head, "Upload-Complete"));
        Assert.Equal(_content.Length.ToString(), Rufh.Header(head, "Upload-Offset"));
        Assert.Equal("/files/ietf-copy.bin", Rufh.Header(head, "Baton-File-Url"));
    }

    [Fact]
    public async Task Curl_gets_an_instant_completion_from_a_raw_tus_request()
    {
        var run = await RunningProcess.RunAsync("curl",
        [
            "-sS", "-i", "-X", "POST", "-H", "Tus-Resumable: 1.0.0", "-H", $"Upload-Length: {_content.Length}",
            "-H", "Upload-Metadata: filename " + Convert.ToBase64String("curl.bin"u8.ToArray()),
            "-H", "Repr-Digest: " + Instant.Sha256Field(_content), _server.Url("uploads").ToString(),
        ]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("HTTP/1.1 201", run.Output);
        Assert.Contains($"Upload-Offset: {_content.Length}", run.Output);
        Assert.Contains("Baton-File-Url: /files/curl.bin", run.Output);
        Assert.Equal(_content, _server.ReadStoredFile("curl.bin"));
    }

    [Fact]
    public async Task The_name_clash_rule_applies_as_to_any_completed_upload()
    {
        _server.WriteStoredText("taken.bin", "someone else's file");

        using var response = await Client.SendAsync(Instant.Tus(_content.Length, "taken.bin", Instant.Sha256Field(_content)));

        Assert.Equal("/files/taken%20%281%29.bin", Tus.Header(response, "Baton-File-Url"));
        Assert.Equal("someone else's file", _server.ReadStoredText("taken.bin"));
        Assert.Equal(_content, _server.ReadStoredFile("taken (1).bin"));
    }

    [Theory]
    [InlineData("tus")]
    [InlineData("ietf")]
    public async Task The_same_digest_with_another_length_is_other_content_an_ordinary_creation(string protocol)
    {
        var digest = Instant.Sha256Field(_content);
        using var response = await Client.SendAsync(protocol == "tus"
            ? Instant.Tus(_content.Length + 1, "longer.bin", digest)
            : Instant.Ietf(_content.Length + 1, "longer.bin", digest));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("0", Tus.Header(response, "Upload-Offset"));
        Assert.Null(Tus.Header(response, "Baton-File-Url"));
        Assert.False(_server.StoredFileExists("longer.bin"));
    }

    [Fact]
    public async Task A_Repr_Digest_with_only_md5_is_ignored_an_ordinary_creation()
    {
        var md5 = $"md5=:{Convert.ToBase64String(MD5.HashData(_content))}:";

        using var response = await Client.SendAsync(Instant.Tus(_content.Length, "md5.bin", md5));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("0", Tus.Header(response, "Upload-Offset"));
        Assert.False(_server.StoredFileExists("md5.bin"));
    }

    [Theory]
    [InlineData("tus", "sha-256=:not base64!:")]
    [InlineData("tus", "sha-256=\"a string\"")]
    [InlineData("tus", "sha-256=:AAAA:")]
    [InlineData("ietf", "sha-256=:AAAA:")]
    [InlineData("ietf", "sha-256=12")]
    public async Task A_malformed_sha256_member_is_a_400_naming_Repr_Digest_and_nothing_is_stored(string protocol, string field)
    {
        var staged = _server.StagedUploads(".json").Count;

        using var response = await Client.SendAsync(protocol == "tus"
            ? Instant.Tus(_content.Length, "bad.bin", field)
            : Instant.Ietf(_content.Length, "bad.bin", field));

        var problem = await Rufh.AssertProblemAsync(response, 400, "urn:baton:problem:invalid-repr-digest");
        Assert.Contains("Repr-Digest", problem.GetProperty("detail").GetString());
        Assert.Equal(staged, _server.StagedUploads(".json").Count);
    }

    [Fact]
    public async Task Content_not_stored_gives_an_ordinary_upload_whose_bytes_are_verified_against_the_digest()
    {
        var other = Instant.Content(50_000, 16);
        using var created = await Client.SendAsync(Instant.Tus(other.Length, "later.bin", Instant.Sha256Field(other)));
        Assert.Equal("0", Tus.Header(created, "Upload-Offset"));
        var location = created.Headers.Location!.OriginalString;

        using var patch = await Client.SendAsync(Tus.Patch(location, 0, other));

        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);
        Assert.Equal(other, _server.ReadStoredFile("later.bin"));
    }

    [Fact]
    public async Task A_tus_upload_whose_bytes_do_not_match_the_declared_digest_is_refused_and_nothing_is_placed()
    {
        var declared = Instant.Content(50_000, 17);
        var sent = (byte[])declared.Clone();
        sent[^1] ^= 1;
        using var created = await Client.SendAsync(Instant.Tus(declared.Length, "mismatch.bin", Instant.Sha256Field(declared)));
        var location = created.Headers.Location!.OriginalString;

        using var patch = await Client.SendAsync(Tus.Patch(location, 0, sent));

        var problem = await Rufh.AssertProblemAsync(patch, 400, "urn:baton:problem:repr-digest-mismatch");
        Assert.Contains("Repr-Digest declared", problem.GetProperty("detail").GetString());
        Assert.False(_server.StoredFileExists("mismatch.bin"));
        using var head = await Client.SendAsync(Tus.Head(location));
        Assert.True(head.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone, head.StatusCode.ToString());
    }

    [Fact]
    public async Task A_tus_creation_with_upload_that_does_not_match_its_digest_is_refused()
    {
        using var request = Tus.Create(_content.Length, "inline-mismatch.bin", ("Repr-Digest", Instant.Sha256Field(Instant.Content(10, 1))));
        request.Content = new ByteArrayContent(_content);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(Tus.OctetStream);

        using var response = await Client.SendAsync(request);

        await Rufh.AssertProblemAsync(response, 400, "urn:baton:problem:repr-digest-mismatch");
        Assert.False(_server.StoredFileExists("inline-mismatch.bin"));
    }

    [Fact]
    public async Task A_moved_file_is_still_found_and_a_replaced_one_no_longer_matches()
    {
        using (var move = await Client.PostAsync("api/files/move?from=original.bin&to=moved/renamed.bin", null))
        {
            Assert.Equal(HttpStatusCode.NoContent, move.StatusCode);
        }
        using (var afterMove = await Client.SendAsync(Instant.Tus(_content.Length, "after-move.bin", Instant.Sha256Field(_content))))
        {
            Assert.Equal("/files/after-move.bin", Tus.Header(afterMove, "Baton-File-Url"));
        }

        // Both names holding the content are replaced by other bytes of the same length, behind the server's back.
        var other = Instant.Content(_content.Length, 99);
        foreach (var name in new[] { "moved/renamed.bin", "after-move.bin" })
        {
            var path = _server.Root.Combine(name.Split('/'));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllBytes(path, other);
            TestStorage.Publish(_server.Services, _server.Root.Path, name);
        }
        using var afterReplace = await Client.SendAsync(Instant.Tus(_content.Length, "after-replace.bin", Instant.Sha256Field(_content)));

        Assert.Equal("0", Tus.Header(afterReplace, "Upload-Offset"));
        Assert.False(_server.StoredFileExists("after-replace.bin"));
    }
}
