using System.IO.Hashing;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads;

/// <summary>tus extensions: checksum, checksum-trailer, creation-with-upload, creation-defer-length, termination, concatenation.</summary>
public sealed class TusExtensionTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BatonTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client => _server.Client;

    public static TheoryData<string> Algorithms => new() { "sha1", "md5", "sha256", "sha512", "crc32" };

    private static string Checksum(string algorithm, byte[] data) => algorithm + " " + Convert.ToBase64String(algorithm switch
    {
        "sha1" => SHA1.HashData(data),
        "md5" => MD5.HashData(data),
        "sha256" => SHA256.HashData(data),
        "sha512" => SHA512.HashData(data),
        _ => BitConverter.GetBytes(Crc32.HashToUInt32(data)).Reverse().ToArray(),
    });

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task A_matching_checksum_is_accepted(string algorithm)
    {
        var location = await Tus.CreateAsync(Client, 5);

        using var response = await Client.SendAsync(Tus.Patch(location, 0, "hello"u8.ToArray(), ("Upload-Checksum", Checksum(algorithm, "hello"u8.ToArray()))));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("5", Tus.Header(response, "Upload-Offset"));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public async Task A_mismatching_checksum_is_460_the_chunk_discarded_and_the_offset_unchanged(string algorithm)
    {
        var location = await Tus.CreateAsync(Client, 10);
        await Client.SendAsync(Tus.Patch(location, 0, "abc"u8.ToArray()));

        using var response = await Client.SendAsync(Tus.Patch(location, 3, "hello"u8.ToArray(), ("Upload-Checksum", Checksum(algorithm, "jello"u8.ToArray()))));

        await Tus.AssertProblemAsync(response, 460, "urn:baton:problem:checksum-mismatch");
        using var head = await Client.SendAsync(Tus.Head(location));
        Assert.Equal("3", Tus.Header(head, "Upload-Offset"));
        using var resumed = await Client.SendAsync(Tus.Patch(location, 3, "hello"u8.ToArray(), ("Upload-Checksum", Checksum(algorithm, "hello"u8.ToArray()))));
        Assert.Equal("8", Tus.Header(resumed, "Upload-Offset"));
    }

    [Theory]
    [InlineData("whirlpool AAAA", "urn:baton:problem:checksum-algorithm-unsupported")]
    [InlineData("sha1", "urn:baton:problem:invalid-checksum")]
    [InlineData("sha1 ***", "urn:baton:problem:invalid-checksum")]
    public async Task Unknown_algorithms_and_malformed_checksums_are_400(string header, string type)
    {
        var location = await Tus.CreateAsync(Client, 5);

        using var response = await Client.SendAsync(Tus.Patch(location, 0, "hello"u8.ToArray(), ("Upload-Checksum", header)));

        await Tus.AssertProblemAsync(response, 400, type);
        using var head = await Client.SendAsync(Tus.Head(location));
        Assert.Equal("0", Tus.Header(head, "Upload-Offset"));
    }

    [Theory]
    [InlineData("sha1", true, "204", "5")]
    [InlineData("sha1", false, "460", "0")]
    [InlineData("crc32", true, "204", "5")]
    [InlineData("sha512", false, "460", "0")]
    public async Task A_checksum_in_a_trailer_is_verified_after_the_body(string algorithm, bool matches, string status, string offset)
    {
        // The algorithm is named only after the body, so the chunk was hashed every supported way while it arrived.
        var location = await Tus.CreateAsync(Client, 5);
        var checksum = Checksum(algorithm, matches ? "hello"u8.ToArray() : "world"u8.ToArray());
        // HttpClient cannot send request trailers; chunked HTTP/1.1 by hand (RFC 9112 §7.1.2).
        var request = $"PATCH {location} HTTP/1.1\r\nHost: 127.0.0.1\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\n"
            + "Content-Type: application/offset+octet-stream\r\nTransfer-Encoding: chunked\r\nTrailer: Upload-Checksum\r\nConnection: close\r\n\r\n"
            + $"5\r\nhello\r\n0\r\nUpload-Checksum: {checksum}\r\n\r\n";

        var reply = await RawAsync(request);

        Assert.StartsWith($"HTTP/1.1 {status}", reply);
        using var head = await Client.SendAsync(Tus.Head(location));
        Assert.Equal(offset, Tus.Header(head, "Upload-Offset"));
    }

    private async Task<string> RawAsync(string request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, _server.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task Creation_with_upload_stores_the_body_and_reports_the_offset()
    {
        var request = Tus.Create(10, "cwu.txt");
        request.Content = new ByteArrayContent("0123"u8.ToArray());
        request.Content.Headers.ContentType = new(Tus.OctetStream);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("4", Tus.Header(response, "Upload-Offset"));
        using var rest = await Client.SendAsync(Tus.Patch(response.Headers.Location!.OriginalString, 4, "456789"u8.ToArray()));
        Assert.Equal("/files/cwu.txt", Tus.Header(rest, "Baton-File-Url"));
        Assert.Equal("0123456789", _server.ReadStoredText("cwu.txt"));
        // tus §HEAD: Upload-Offset is present even once the upload is complete.
        using var head = await Client.SendAsync(Tus.Head(response.Headers.Location!.OriginalString));
        Assert.Equal("10", Tus.Header(head, "Upload-Offset"));
        Assert.Equal("10", Tus.Header(head, "Upload-Length"));
        Assert.Null(Tus.Header(head, "Upload-Expires"));
    }

    [Fact]
    public async Task Creation_with_a_body_of_another_type_is_415()
    {
        var request = Tus.Create(10);
        request.Content = new StringContent("0123");

        using var response = await Client.SendAsync(request);

        await Tus.AssertProblemAsync(response, 415, "urn:baton:problem:upload-media-type-unsupported");
    }

    [Fact]
    public async Task A_deferred_length_is_advertised_until_set_once_by_a_patch()
    {
        var location = await Tus.CreateAsync(Client, null, "deferred.bin", ("Upload-Defer-Length", "1"));
        using (var head = await Client.SendAsync(Tus.Head(location)))
        {
            Assert.Equal("1", Tus.Header(head, "Upload-Defer-Length"));
            Assert.Null(Tus.Header(head, "Upload-Length"));
        }
        await Client.SendAsync(Tus.Patch(location, 0, "abc"u8.ToArray()));

        using var last = await Client.SendAsync(Tus.Patch(location, 3, "def"u8.ToArray(), ("Upload-Length", "6")));

        Assert.Equal(HttpStatusCode.NoContent, last.StatusCode);
        Assert.Equal("6", Tus.Header(last, "Upload-Length"));
        Assert.Equal("abcdef", _server.ReadStoredText("deferred.bin"));
        using var change = await Client.SendAsync(Tus.Patch(location, 6, [], ("Upload-Length", "7")));
        await Tus.AssertProblemAsync(change, 400, "urn:baton:problem:upload-length-already-set");
    }

    [Fact]
    public async Task Termination_removes_the_upload_and_later_requests_get_410()
    {
        var location = await Tus.CreateAsync(Client, 10);
        await Client.SendAsync(Tus.Patch(location, 0, "abc"u8.ToArray()));

        using var deleted = await Client.SendAsync(Tus.Request(HttpMethod.Delete, location));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("1.0.0", Tus.Header(deleted, "Tus-Resumable"));
        using var head = await Client.SendAsync(Tus.Head(location));
        Assert.Equal(HttpStatusCode.Gone, head.StatusCode);
        Assert.Null(Tus.Header(head, "Upload-Offset"));
        using var patch = await Client.SendAsync(Tus.Patch(location, 3, "d"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Gone, patch.StatusCode);
        // Nothing but the tombstone that keeps answering 410 after a restart (FileUploadStoreTombstoneTests) is left.
        Assert.All(_server.StagedUploads(), f => Assert.EndsWith(".gone", f));
    }

    [Fact]
    public async Task Concatenation_joins_partials_in_order_into_one_file()
    {
        var a = await Tus.CreateAsync(Client, 3, null, ("Upload-Concat", "partial"));
        var b = await Tus.CreateAsync(Client, 4, null, ("Upload-Concat", "partial"));
        await Client.SendAsync(Tus.Patch(a, 0, "abc"u8.ToArray()));
        await Client.SendAsync(Tus.Patch(b, 0, "defg"u8.ToArray()));
        using (var partialHead = await Client.SendAsync(Tus.Head(a)))
        {
            Assert.Equal("partial", Tus.Header(partialHead, "Upload-Concat"));
            Assert.Equal("3", Tus.Header(partialHead, "Upload-Offset"));
        }
        Assert.Empty(_server.StoredFileNames()); // partials are never files of their own

        using var final = await Client.SendAsync(Tus.Create(null, "joined.txt", ("Upload-Concat", $"final;{b} {_server.Url(a.TrimStart('/'))}")));

        Assert.Equal(HttpStatusCode.Created, final.StatusCode);
        Assert.Equal("defgabc", _server.ReadStoredText("joined.txt"));
        Assert.Equal("/files/joined.txt", Tus.Header(final, "Baton-File-Url"));
        var finalLocation = final.Headers.Location!.OriginalString;
        using var head = await Client.SendAsync(Tus.Head(finalLocation));
        Assert.Equal("7", Tus.Header(head, "Upload-Offset"));
        Assert.Equal("7", Tus.Header(head, "Upload-Length"));
        Assert.StartsWith("final;", Tus.Header(head, "Upload-Concat"));
        using var patch = await Client.SendAsync(Tus.Patch(finalLocation, 7, "x"u8.ToArray()));
        await Tus.AssertProblemAsync(patch, 403, "urn:baton:problem:final-upload-not-patchable");
    }

    [Fact]
    public async Task A_final_upload_created_before_its_partials_finish_completes_with_the_last_one()
    {
        var a = await Tus.CreateAsync(Client, 3, null, ("Upload-Concat", "partial"));
        var b = await Tus.CreateAsync(Client, 3, null, ("Upload-Concat", "partial"));
        await Client.SendAsync(Tus.Patch(a, 0, "abc"u8.ToArray()));

        using var final = await Client.SendAsync(Tus.Create(null, "late.txt", ("Upload-Concat", $"final;{a} {b}")));
        using (var head = await Client.SendAsync(Tus.Head(final.Headers.Location!.OriginalString)))
        {
            Assert.Null(Tus.Header(head, "Upload-Offset")); // tus §Concatenation: not before the concatenation finished
            Assert.Equal("6", Tus.Header(head, "Upload-Length"));
        }
        await Client.SendAsync(Tus.Patch(b, 0, "def"u8.ToArray()));

        Assert.Equal("abcdef", _server.ReadStoredText("late.txt"));
    }

    [Theory]
    [InlineData("final;/uploads/../../etc/passwd")]
    [InlineData("final;/uploads/AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("final;")]
    [InlineData("semifinal")]
    public async Task Concatenation_of_uploads_that_are_not_our_partials_is_400(string concat)
    {
        using var response = await Client.SendAsync(Tus.Create(null, null, ("Upload-Concat", concat)));

        await Tus.AssertProblemAsync(response, 400, "urn:baton:problem:invalid-upload-concat");
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("//evil.example")]
    [InlineData("https://127.0.0.1")]
    public async Task A_real_partial_named_on_another_origin_is_400_and_nothing_is_joined(string origin)
    {
        var a = await Tus.CreateAsync(Client, 3, null, ("Upload-Concat", "partial"));
        using (await Client.SendAsync(Tus.Patch(a, 0, "abc"u8.ToArray()))) { }

        using var response = await Client.SendAsync(Tus.Create(null, "spliced.txt", ("Upload-Concat", $"final;{origin}{a}")));

        await Tus.AssertProblemAsync(response, 400, "urn:baton:problem:invalid-upload-concat");
        Assert.Null(response.Headers.Location);
        Assert.Empty(_server.StoredFileNames());
        // The same partial named on this origin still joins: the refusal was about the origin, not the upload.
        using var ours = await Client.SendAsync(Tus.Create(null, "joined.txt", ("Upload-Concat", $"final;{_server.Url(a.TrimStart('/'))}")));
        Assert.Equal(HttpStatusCode.Created, ours.StatusCode);
        Assert.Equal("abc", _server.ReadStoredText("joined.txt"));
    }

    [Fact]
    public async Task A_regular_upload_cannot_be_used_as_a_partial()
    {
        var regular = await Tus.CreateAsync(Client, 3);
        using var response = await Client.SendAsync(Tus.Create(null, null, ("Upload-Concat", $"final;{regular}")));
        await Tus.AssertProblemAsync(response, 400, "urn:baton:problem:invalid-upload-concat");
    }
}
