using System.Net;
using System.Net.Http.Headers;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads;

/// <summary>IETF Resumable Uploads draft-11 (interop version 8) with raw HttpClient requests.</summary>
public sealed class IetfUploadTests : IAsyncLifetime
{
    private const string Iana = "https://iana.org/assignments/http-problem-types#";
    private BatonTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BatonTestServer.StartAsync(o => o.Uploads.MaxSize = 1 << 20);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client => _server.Client;

    private static HttpRequestMessage Request(HttpMethod method, string url, bool? complete = null, long? offset = null, byte[]? body = null, string? contentType = null)
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation("Upload-Draft-Interop-Version", "8");
        if (complete is bool c)
        {
            request.Headers.TryAddWithoutValidation("Upload-Complete", c ? "?1" : "?0");
        }
        if (offset is long o)
        {
            request.Headers.TryAddWithoutValidation("Upload-Offset", o.ToString());
        }
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/partial-upload");
        }
        return request;
    }

    private static HttpRequestMessage Create(bool complete, byte[] body, string fileName = "ietf.bin")
    {
        var request = Request(HttpMethod.Post, "uploads", complete, body: body, contentType: "application/octet-stream");
        request.Content!.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName };
        return request;
    }

    [Fact]
    public async Task Options_advertises_partial_upload_and_limits()
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "uploads"));

        Assert.Contains("application/partial-upload", Tus.Header(response, "Accept-Patch"));
        Assert.Equal("max-size=1048576, max-age=86400", Tus.Header(response, "Upload-Limit"));
    }

    [Fact]
    public async Task Create_with_a_partial_body_then_retrieve_the_offset_append_and_complete()
    {
        var content = new byte[100_000];
        new Random(3).NextBytes(content);

        using var created = await Client.SendAsync(Create(false, content[..40_000]));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.Equal("40000", Tus.Header(created, "Upload-Offset"));
        Assert.Equal("?0", Tus.Header(created, "Upload-Complete"));
        Assert.Contains("max-size=1048576", Tus.Header(created, "Upload-Limit"));

        using var head = await Client.SendAsync(Request(HttpMethod.Head, location));
        Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
        Assert.Equal("40000", Tus.Header(head, "Upload-Offset"));
        Assert.Equal("?0", Tus.Header(head, "Upload-Complete"));
        Assert.Equal("no-store", Tus.Header(head, "Cache-Control"));
        Assert.Null(Tus.Header(head, "Upload-Length"));

        using var middle = await Client.SendAsync(Request(HttpMethod.Patch, location, false, 40_000, content[40_000..70_000]));
        Assert.Equal(HttpStatusCode.NoContent, middle.StatusCode);
        Assert.Equal("70000", Tus.Header(middle, "Upload-Offset"));

        using var last = await Client.SendAsync(Request(HttpMethod.Patch, location, true, 70_000, content[70_000..]));
        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal("?1", Tus.Header(last, "Upload-Complete"));
        Assert.Equal("/files/ietf.bin", Tus.Header(last, "Baton-File-Url"));
        Assert.Equal(content, File.ReadAllBytes(_server.Root.Combine("ietf.bin")));

        using var after = await Client.SendAsync(Request(HttpMethod.Head, location));
        Assert.Equal("?1", Tus.Header(after, "Upload-Complete"));
        Assert.Equal("100000", Tus.Header(after, "Upload-Length"));
    }

    [Fact]
    public async Task A_complete_creation_is_done_in_one_request()
    {
        using var response = await Client.SendAsync(Create(true, "whole"u8.ToArray(), "one.txt"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("?1", Tus.Header(response, "Upload-Complete"));
        Assert.Equal("whole", File.ReadAllText(_server.Root.Combine("one.txt")));
    }

    [Fact]
    public async Task Completing_without_a_content_length_sets_the_length_from_what_arrived()
    {
        using var created = await Client.SendAsync(Create(false, "abc"u8.ToArray(), "chunked.txt"));
        var request = Request(HttpMethod.Patch, created.Headers.Location!.OriginalString, true, 3);
        request.Content = new StreamContent(new MemoryStream("defgh"u8.ToArray())); // no length: chunked
        request.Content.Headers.ContentType = new("application/partial-upload");
        request.Headers.TransferEncodingChunked = true;

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("8", Tus.Header(response, "Upload-Length"));
        Assert.Equal("abcdefgh", File.ReadAllText(_server.Root.Combine("chunked.txt")));
    }

    [Fact]
    public async Task A_mismatching_offset_is_409_with_the_draft_problem_type_and_the_right_offset()
    {
        using var created = await Client.SendAsync(Create(false, "abc"u8.ToArray()));

        using var response = await Client.SendAsync(Request(HttpMethod.Patch, created.Headers.Location!.OriginalString, false, 1, "x"u8.ToArray()));

        await Tus.AssertProblemAsync(response, 409, Iana + "mismatching-upload-offset");
        Assert.Equal("3", Tus.Header(response, "Upload-Offset"));
    }

    [Fact]
    public async Task Inconsistent_lengths_are_400_with_the_draft_problem_type()
    {
        var create = Create(false, "abc"u8.ToArray());
        create.Headers.TryAddWithoutValidation("Upload-Length", "10");
        using var created = await Client.SendAsync(create);
        var location = created.Headers.Location!.OriginalString;

        // Upload-Complete: ?1 with 2 more bytes says the length is 5, not 10 (§4.3).
        using var response = await Client.SendAsync(Request(HttpMethod.Patch, location, true, 3, "de"u8.ToArray()));
        await Tus.AssertProblemAsync(response, 400, Iana + "inconsistent-upload-length");

        var mismatch = Request(HttpMethod.Post, "uploads", true, body: "abc"u8.ToArray(), contentType: "text/plain");
        mismatch.Headers.TryAddWithoutValidation("Upload-Length", "4");
        using var creation = await Client.SendAsync(mismatch);
        await Tus.AssertProblemAsync(creation, 400, Iana + "inconsistent-upload-length");
    }

    [Fact]
    public async Task A_complete_upload_cannot_be_appended_to()
    {
        using var created = await Client.SendAsync(Create(true, "abc"u8.ToArray()));

        using var response = await Client.SendAsync(Request(HttpMethod.Patch, created.Headers.Location!.OriginalString, true, 3, "d"u8.ToArray()));

        await Tus.AssertProblemAsync(response, 400, Iana + "completed-upload");
    }

    [Fact]
    public async Task Appends_need_partial_upload_content_and_upload_complete()
    {
        using var created = await Client.SendAsync(Create(false, "abc"u8.ToArray()));
        var location = created.Headers.Location!.OriginalString;

        using var wrongType = await Client.SendAsync(Request(HttpMethod.Patch, location, false, 3, "d"u8.ToArray(), "application/offset+octet-stream"));
        using var noComplete = await Client.SendAsync(Request(HttpMethod.Patch, location, null, 3, "d"u8.ToArray()));
        var badComplete = Request(HttpMethod.Patch, location, null, 3, "d"u8.ToArray());
        badComplete.Headers.TryAddWithoutValidation("Upload-Complete", "true");
        using var invalid = await Client.SendAsync(badComplete);

        await Tus.AssertProblemAsync(wrongType, 415, "urn:baton:problem:upload-media-type-unsupported");
        await Tus.AssertProblemAsync(noComplete, 400, "urn:baton:problem:invalid-upload-complete");
        await Tus.AssertProblemAsync(invalid, 400, "urn:baton:problem:invalid-upload-complete");
    }

    [Fact]
    public async Task Cancellation_removes_the_upload()
    {
        using var created = await Client.SendAsync(Create(false, "abc"u8.ToArray()));
        var location = created.Headers.Location!.OriginalString;

        using var deleted = await Client.SendAsync(Request(HttpMethod.Delete, location));
        using var head = await Client.SendAsync(Request(HttpMethod.Head, location));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, head.StatusCode);
    }

    [Fact]
    public async Task Tus_and_ietf_share_one_store()
    {
        using var created = await Client.SendAsync(Create(false, "abc"u8.ToArray(), "mixed.txt"));
        var location = created.Headers.Location!.OriginalString;

        using var tusHead = await Client.SendAsync(Tus.Head(location));

        Assert.Equal("3", Tus.Header(tusHead, "Upload-Offset"));
        Assert.Equal("1", Tus.Header(tusHead, "Upload-Defer-Length"));
    }

    [Fact]
    public async Task Creation_over_the_size_limit_is_413()
    {
        var request = Request(HttpMethod.Post, "uploads", false);
        request.Headers.TryAddWithoutValidation("Upload-Length", (2 << 20).ToString());

        using var response = await Client.SendAsync(request);

        await Tus.AssertProblemAsync(response, 413, "urn:baton:problem:upload-too-large");
    }

    private static string Sha256Field(byte[] data) => $"sha-256=:{Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(data))}:";

    [Fact]
    public async Task A_matching_Repr_Digest_given_at_creation_is_verified_at_completion()
    {
        var content = "verified content"u8.ToArray();
        var create = Create(false, content[..5], "digest.txt");
        create.Headers.TryAddWithoutValidation("Repr-Digest", Sha256Field(content));
        using var created = await Client.SendAsync(create);

        using var last = await Client.SendAsync(Request(HttpMethod.Patch, created.Headers.Location!.OriginalString, true, 5, content[5..]));

        Assert.Equal(HttpStatusCode.OK, last.StatusCode);
        Assert.Equal(content, File.ReadAllBytes(_server.Root.Combine("digest.txt")));
    }

    [Fact]
    public async Task A_mismatching_Repr_Digest_discards_the_upload_and_no_file_appears()
    {
        using var created = await Client.SendAsync(Create(false, "abc"u8.ToArray(), "bad-digest.txt"));
        var location = created.Headers.Location!.OriginalString;
        var last = Request(HttpMethod.Patch, location, true, 3, "def"u8.ToArray());
        last.Headers.TryAddWithoutValidation("Repr-Digest", Sha256Field("abcdeX"u8.ToArray()));

        using var response = await Client.SendAsync(last);

        await Tus.AssertProblemAsync(response, 400, "urn:baton:problem:repr-digest-mismatch");
        Assert.False(File.Exists(_server.Root.Combine("bad-digest.txt")));
        using var head = await Client.SendAsync(Request(HttpMethod.Head, location));
        Assert.Equal(HttpStatusCode.Gone, head.StatusCode);
    }
}
