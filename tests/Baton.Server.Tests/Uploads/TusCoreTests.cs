using System.Net;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads;

/// <summary>tus 1.0 core protocol and the creation extension, MUST by MUST, over real Kestrel.</summary>
public sealed class TusCoreTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BatonTestServer.StartAsync(o => o.Uploads.MaxSize = 1_000_000);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client => _server.Client;

    [Fact]
    public async Task Options_advertises_version_extensions_max_size_and_checksum_algorithms()
    {
        using var response = await Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "uploads"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0.0", Tus.Header(response, "Tus-Version"));
        Assert.Equal("1000000", Tus.Header(response, "Tus-Max-Size"));
        Assert.Equal("sha1,md5,sha256,sha512,crc32", Tus.Header(response, "Tus-Checksum-Algorithm"));
        var extensions = Tus.Header(response, "Tus-Extension")!.Split(',');
        Assert.Equal(
            ["creation", "creation-with-upload", "creation-defer-length", "expiration", "checksum", "checksum-trailer", "termination", "concatenation", "concatenation-unfinished"],
            extensions);
    }

    [Fact]
    public async Task Options_ignores_Tus_Resumable()
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "uploads");
        request.Headers.TryAddWithoutValidation("Tus-Resumable", "0.0.1");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("1.0.0", Tus.Header(response, "Tus-Version"));
    }

    [Theory]
    [InlineData("POST", null)]
    [InlineData("POST", "0.2.2")]
    [InlineData("HEAD", "2.0.0")]
    [InlineData("PATCH", null)]
    [InlineData("DELETE", "1.0")]
    public async Task An_unsupported_or_missing_version_is_412_with_Tus_Version_and_not_processed(string method, string? version)
    {
        var location = await Tus.CreateAsync(Client, 5);
        var request = new HttpRequestMessage(new HttpMethod(method), method == "POST" ? "uploads" : location);
        if (version is not null)
        {
            request.Headers.TryAddWithoutValidation("Tus-Resumable", version);
        }
        request.Headers.TryAddWithoutValidation("Upload-Length", "5");
        request.Headers.TryAddWithoutValidation("Upload-Offset", "0");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Equal("1.0.0", Tus.Header(response, "Tus-Version"));
        using var head = await Client.SendAsync(Tus.Head(location));
        Assert.Equal(HttpStatusCode.NoContent, head.StatusCode); // DELETE was not processed
    }

    [Fact]
    public async Task Creation_gives_201_and_a_location_whose_head_has_offset_length_metadata_and_no_store()
    {
        using var created = await Client.SendAsync(Tus.Create(100, null, ("Upload-Metadata", "filename cmVwb3J0LnBkZg==,is_confidential")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("1.0.0", Tus.Header(created, "Tus-Resumable"));
        Assert.NotNull(Tus.Header(created, "Upload-Expires"));
        var location = created.Headers.Location!.OriginalString;
        Assert.Matches("^/uploads/[A-Za-z0-9_-]{22}$", location);

        using var head = await Client.SendAsync(Tus.Head(location));

        Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
        Assert.Equal("0", Tus.Header(head, "Upload-Offset"));
        Assert.Equal("100", Tus.Header(head, "Upload-Length"));
        Assert.Equal("filename cmVwb3J0LnBkZg==,is_confidential", Tus.Header(head, "Upload-Metadata"));
        Assert.Equal("no-store", Tus.Header(head, "Cache-Control"));
        Assert.Equal("1.0.0", Tus.Header(head, "Tus-Resumable"));
    }

    [Fact]
    public async Task Ids_are_unguessable_and_distinct()
    {
        var ids = new HashSet<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await Tus.CreateAsync(Client, 1));
        }
        Assert.Equal(20, ids.Count);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("10", "1")]
    [InlineData(null, "2")]
    [InlineData("-1", null)]
    [InlineData("abc", null)]
    [InlineData("1.5", null)]
    [InlineData("99999999999999999999999", null)]
    public async Task Creation_needs_exactly_one_valid_length(string? length, string? defer)
    {
        var request = Tus.Create(null);
        if (length is not null)
        {
            request.Headers.TryAddWithoutValidation("Upload-Length", length);
        }
        if (defer is not null)
        {
            request.Headers.TryAddWithoutValidation("Upload-Defer-Length", defer);
        }

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1.0.0", Tus.Header(response, "Tus-Resumable"));
    }

    [Fact]
    public async Task Creation_over_the_maximum_size_is_413()
    {
        using var response = await Client.SendAsync(Tus.Create(1_000_001));
        await Tus.AssertProblemAsync(response, 413, "urn:baton:problem:upload-too-large");
    }

    [Theory]
    [InlineData("filename !!!")]
    [InlineData("filename YQ==,filename Yg==")]
    [InlineData("bad key YQ==")]
    public async Task Bad_metadata_is_400(string metadata)
    {
        using var response = await Client.SendAsync(Tus.Create(5, null, ("Upload-Metadata", metadata)));
        await Tus.AssertProblemAsync(response, 400, "urn:baton:problem:invalid-upload-metadata");
    }

    [Fact]
    public async Task Patch_appends_and_answers_204_with_the_new_offset()
    {
        var location = await Tus.CreateAsync(Client, 10);

        using var first = await Client.SendAsync(Tus.Patch(location, 0, "hello"u8.ToArray()));
        using var second = await Client.SendAsync(Tus.Patch(location, 5, "world"u8.ToArray()));

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal("5", Tus.Header(first, "Upload-Offset"));
        Assert.NotNull(Tus.Header(first, "Upload-Expires"));
        Assert.Equal("10", Tus.Header(second, "Upload-Offset"));
    }

    [Fact]
    public async Task Patch_with_another_content_type_is_415()
    {
        var location = await Tus.CreateAsync(Client, 10);
        var request = Tus.Patch(location, 0, "hello"u8.ToArray());
        request.Content!.Headers.ContentType = new("application/octet-stream");

        using var response = await Client.SendAsync(request);

        await Tus.AssertProblemAsync(response, 415, "urn:baton:problem:upload-media-type-unsupported");
    }

    [Fact]
    public async Task Patch_at_the_wrong_offset_is_409_and_writes_nothing()
    {
        var location = await Tus.CreateAsync(Client, 10);
        await Client.SendAsync(Tus.Patch(location, 0, "abc"u8.ToArray()));

        using var response = await Client.SendAsync(Tus.Patch(location, 1, "XYZ"u8.ToArray()));

        await Tus.AssertProblemAsync(response, 409, "urn:baton:problem:upload-offset-mismatch");
        using var head = await Client.SendAsync(Tus.Head(location));
        Assert.Equal("3", Tus.Header(head, "Upload-Offset"));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("99999999999999999999999")]
    [InlineData("0x0")]
    public async Task Patch_with_a_malformed_offset_is_400(string offset)
    {
        var location = await Tus.CreateAsync(Client, 10);
        var request = Tus.Patch(location, 0, "abc"u8.ToArray());
        request.Headers.Remove("Upload-Offset");
        request.Headers.TryAddWithoutValidation("Upload-Offset", offset);

        using var response = await Client.SendAsync(request);

        await Tus.AssertProblemAsync(response, 400, "urn:baton:problem:invalid-upload-offset");
    }

    [Fact]
    public async Task Patch_past_the_length_is_400_and_discarded()
    {
        var location = await Tus.CreateAsync(Client, 4);

        using var response = await Client.SendAsync(Tus.Patch(location, 0, "12345"u8.ToArray()));

        await Tus.AssertProblemAsync(response, 400, "urn:baton:problem:upload-length-exceeded");
        using var head = await Client.SendAsync(Tus.Head(location));
        Assert.Equal("0", Tus.Header(head, "Upload-Offset"));
    }

    [Theory]
    [InlineData("HEAD")]
    [InlineData("PATCH")]
    [InlineData("DELETE")]
    public async Task Unknown_uploads_are_404_without_Upload_Offset(string method)
    {
        var request = method == "PATCH"
            ? Tus.Patch("uploads/AAAAAAAAAAAAAAAAAAAAAA", 0, [1])
            : Tus.Request(new HttpMethod(method), "uploads/AAAAAAAAAAAAAAAAAAAAAA");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(Tus.Header(response, "Upload-Offset"));
    }

    [Fact]
    public async Task Empty_uploads_are_complete_at_creation()
    {
        using var response = await Client.SendAsync(Tus.Create(0, "empty.txt"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/files/empty.txt", Tus.Header(response, "Baton-File-Url"));
        Assert.Empty(_server.ReadStoredFile("empty.txt")!);
    }

    [Fact]
    public async Task Method_override_turns_a_post_into_patch_or_delete()
    {
        var location = await Tus.CreateAsync(Client, 3);
        var patch = Tus.Patch(location, 0, "abc"u8.ToArray(), ("X-HTTP-Method-Override", "PATCH"));
        patch.Method = HttpMethod.Post;
        using var patched = await Client.SendAsync(patch);
        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        Assert.Equal("3", Tus.Header(patched, "Upload-Offset"));

        var other = await Tus.CreateAsync(Client, 3);
        using var deleted = await Client.SendAsync(Tus.Request(HttpMethod.Post, other, ("X-HTTP-Method-Override", "DELETE")));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        using var bogus = await Client.SendAsync(Tus.Request(HttpMethod.Post, other, ("X-HTTP-Method-Override", "TRACE")));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, bogus.StatusCode);
    }
}
