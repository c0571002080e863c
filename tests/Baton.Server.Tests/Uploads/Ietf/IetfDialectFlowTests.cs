using System.Net;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads.Ietf;

/// <summary>
/// The successful exchanges of every interop version over real sockets: discovery, creation (with a part, whole, or without
/// content), offset retrieval, appends, completion and cancellation — each status and header as the version's draft says.
/// The expected values are written out per version here, not taken from the server's dialect table.
/// </summary>
public sealed class IetfDialectFlowTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BatonTestServer.StartAsync(o => o.Uploads.MaxSize = 1 << 20);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client => _server.Client;

    /// <summary>What each version's draft says: the status of a response completing the upload, of an append leaving it
    /// incomplete, and the Upload-Limit key of the remaining lifetime.</summary>
    private sealed record Expected(int Completed, int Appended, string Lifetime);

    private static readonly Dictionary<int, Expected> Drafts = new()
    {
        [6] = new(201, 201, "expires"), // draft-05: completion RECOMMENDED 201, incomplete append MUST be 201; "expires"
        [7] = new(200, 204, "max-age"), // draft-06–08
        [8] = new(200, 204, "max-age"), // draft-09–11
        [9] = new(200, 204, "max-age"), // editor's copy (draft-12)
    };

    public static TheoryData<int> Versions => new() { 6, 7, 8, 9 };

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Options_names_the_versions_and_the_limits_in_the_version_asked_for(int version)
    {
        var expected = Drafts[version];
        using var response = await Client.SendAsync(Rufh.Request(version, HttpMethod.Options, "uploads"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("6, 7, 8, 9", Rufh.Header(response, "Baton-Interop-Versions"));
        Assert.Equal($"max-size=1048576, {expected.Lifetime}=86400", Rufh.Header(response, "Upload-Limit"));
        Assert.Contains("application/partial-upload", Rufh.Header(response, "Accept-Patch"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Create_with_a_part_retrieve_the_offset_append_and_complete(int version)
    {
        var expected = Drafts[version];
        var content = Rufh.Random(100_000, version);
        var name = $"flow{version}.bin";

        using var created = await Client.SendAsync(Rufh.Create(version, false, content[..40_000], name));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.Matches("^/uploads/[A-Za-z0-9_-]{22}$", location);
        Assert.Equal("40000", Rufh.Header(created, "Upload-Offset"));
        Assert.Equal("?0", Rufh.Header(created, "Upload-Complete"));
        Assert.Matches($"^max-size=1048576, {expected.Lifetime}=86(399|400)$", Rufh.Header(created, "Upload-Limit"));

        using var head = await Client.SendAsync(Rufh.Request(version, HttpMethod.Head, location));
        Assert.Equal(HttpStatusCode.NoContent, head.StatusCode);
        Assert.Equal("40000", Rufh.Header(head, "Upload-Offset"));
        Assert.Equal("?0", Rufh.Header(head, "Upload-Complete"));
        Assert.Equal("no-store", Rufh.Header(head, "Cache-Control"));
        Assert.Null(Rufh.Header(head, "Upload-Length"));
        Assert.StartsWith("max-size=1048576, " + expected.Lifetime + "=", Rufh.Header(head, "Upload-Limit"));

        using var middle = await Client.SendAsync(Rufh.Patch(version, location, 40_000, false, content[40_000..70_000]));
        Assert.Equal(expected.Appended, (int)middle.StatusCode);
        Assert.Equal("70000", Rufh.Header(middle, "Upload-Offset"));
        Assert.Equal("?0", Rufh.Header(middle, "Upload-Complete"));
        Assert.Null(Rufh.Header(middle, "Baton-File-Url"));

        using var last = await Client.SendAsync(Rufh.Patch(version, location, 70_000, true, content[70_000..]));
        Assert.Equal(expected.Completed, (int)last.StatusCode);
        Assert.Equal("?1", Rufh.Header(last, "Upload-Complete"));
        Assert.Equal("100000", Rufh.Header(last, "Upload-Offset"));
        Assert.Equal("100000", Rufh.Header(last, "Upload-Length"));
        Assert.Equal("/files/" + name, Rufh.Header(last, "Baton-File-Url"));
        Assert.Equal(content, _server.ReadStoredFile(name));

        using var after = await Client.SendAsync(Rufh.Request(version, HttpMethod.Head, location));
        Assert.Equal(HttpStatusCode.NoContent, after.StatusCode);
        Assert.Equal("?1", Rufh.Header(after, "Upload-Complete"));
        Assert.Equal("100000", Rufh.Header(after, "Upload-Length"));
        Assert.Equal("/files/" + name, Rufh.Header(after, "Baton-File-Url"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_whole_file_in_the_creation_request_is_complete_at_once(int version)
    {
        var expected = Drafts[version];
        using var response = await Client.SendAsync(Rufh.Create(version, true, "whole"u8.ToArray(), $"one{version}.txt"));

        Assert.Equal(expected.Completed, (int)response.StatusCode);
        Assert.Equal("?1", Rufh.Header(response, "Upload-Complete"));
        Assert.Equal("5", Rufh.Header(response, "Upload-Offset"));
        Assert.NotNull(response.Headers.Location);
        Assert.Equal("whole", _server.ReadStoredText($"one{version}.txt"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Creation_without_content_is_allowed_then_appends_carry_everything(int version)
    {
        var expected = Drafts[version];
        var careful = Rufh.Request(version, HttpMethod.Post, "uploads", complete: false);
        careful.Headers.TryAddWithoutValidation("Upload-Length", "6");
        careful.Content = new ByteArrayContent([]); // Content-Length: 0, to carry Content-Disposition
        careful.Content.Headers.ContentDisposition = new("inline") { FileName = $"careful{version}.txt" };
        using var created = await Client.SendAsync(careful);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("0", Rufh.Header(created, "Upload-Offset"));
        Assert.Equal("?0", Rufh.Header(created, "Upload-Complete"));

        using var done = await Client.SendAsync(Rufh.Patch(version, created.Headers.Location!.OriginalString, 0, true, "abcdef"u8.ToArray()));

        Assert.Equal(expected.Completed, (int)done.StatusCode);
        Assert.Equal("abcdef", _server.ReadStoredText($"careful{version}.txt"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task An_empty_complete_creation_is_an_empty_file(int version)
    {
        var expected = Drafts[version];
        using var response = await Client.SendAsync(Rufh.Create(version, true, [], $"empty{version}.txt"));

        Assert.Equal(expected.Completed, (int)response.StatusCode);
        Assert.Equal("?1", Rufh.Header(response, "Upload-Complete"));
        Assert.Empty(_server.ReadStoredFile($"empty{version}.txt")!);
    }

    [Theory]
    [InlineData(6, 404)] // draft-05: not active → 404
    [InlineData(7, 410)]
    [InlineData(8, 410)]
    [InlineData(9, 410)]
    public async Task Cancellation_is_204_and_the_upload_is_gone_afterwards(int version, int afterwards)
    {
        var location = await Rufh.CreateAsync(Client, version, "abc"u8.ToArray());

        using var deleted = await Client.SendAsync(Rufh.Request(version, HttpMethod.Delete, location));
        using var head = await Client.SendAsync(Rufh.Request(version, HttpMethod.Head, location));
        using var patch = await Client.SendAsync(Rufh.Patch(version, location, 3, true, "d"u8.ToArray()));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(afterwards, (int)head.StatusCode);
        Assert.Equal(afterwards, (int)patch.StatusCode);
        Assert.Empty(_server.StagedUploads(".data"));
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Completing_chunked_content_takes_the_length_from_what_arrived(int version)
    {
        var expected = Drafts[version];
        var location = await Rufh.CreateAsync(Client, version, "abc"u8.ToArray(), $"chunked{version}.txt");
        var request = Rufh.Request(version, HttpMethod.Patch, location, true, 3);
        request.Content = new StreamContent(new MemoryStream("defgh"u8.ToArray())); // no Content-Length: chunked
        request.Content.Headers.ContentType = new(Rufh.PartialUpload);
        request.Headers.TransferEncodingChunked = true;

        using var response = await Client.SendAsync(request);

        Assert.Equal(expected.Completed, (int)response.StatusCode);
        Assert.Equal("8", Rufh.Header(response, "Upload-Length"));
        Assert.Equal("abcdefgh", _server.ReadStoredText($"chunked{version}.txt"));
    }
}
