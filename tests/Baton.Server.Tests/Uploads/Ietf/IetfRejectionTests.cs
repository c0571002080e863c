using System.Net;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads.Ietf;

/// <summary>
/// The failures every interop version defines, over real sockets: mismatching offsets (409 and its problem members), inconsistent
/// lengths, content past the length, appends to a completed upload (each draft's own answer, including the editor's copy's replay
/// of the final response), draft-05's refusal of state fields on HEAD/DELETE, 413 with Upload-Limit, media type and Upload-Complete.
/// </summary>
public sealed class IetfRejectionTests : IAsyncLifetime
{
    private const string Baton = "urn:baton:problem:";
    private BatonTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BatonTestServer.StartAsync(o => o.Uploads.MaxSize = 1 << 20);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client => _server.Client;

    /// <summary>The problem type each draft gives lengths that disagree: draft-05 registers none.</summary>
    private static string InconsistentLength(int version) =>
        version == 6 ? Baton + "upload-length-inconsistent" : Rufh.Iana + "inconsistent-upload-length";

    private IReadOnlyList<string> StoredUploads() => _server.StagedUploads(".json");

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public async Task A_mismatching_offset_is_409_with_the_right_offset_and_both_offsets_in_the_problem(int version)
    {
        var location = await Rufh.CreateAsync(Client, version, "abc"u8.ToArray());

        using var response = await Client.SendAsync(Rufh.Patch(version, location, 1, false, "x"u8.ToArray()));

        var problem = await Rufh.AssertProblemAsync(response, 409, Rufh.Iana + "mismatching-upload-offset");
        Assert.Equal(3, problem.GetProperty("expected-offset").GetInt64());
        Assert.Equal(1, problem.GetProperty("provided-offset").GetInt64());
        Assert.Equal("3", Rufh.Header(response, "Upload-Offset"));
        Assert.Equal("?0", Rufh.Header(response, "Upload-Complete")); // editor's copy: 409 MUST carry ?0
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    public async Task Lengths_that_disagree_are_400_and_a_creation_stores_nothing(int version)
    {
        var creation = Rufh.Create(version, true, "abc"u8.ToArray(), length: 4);
        using var refused = await Client.SendAsync(creation);
        await Rufh.AssertProblemAsync(refused, 400, InconsistentLength(version));
        Assert.Empty(StoredUploads());

        var location = await Rufh.CreateAsync(Client, version, "abc"u8.ToArray(), length: 10);
        // Upload-Complete: ?1 with 2 more bytes says the length is 5, not 10.
        using var append = await Client.SendAsync(Rufh.Patch(version, location, 3, true, "de"u8.ToArray()));
        await Rufh.AssertProblemAsync(append, 400, InconsistentLength(version));
        Assert.Equal("3", Rufh.Header(append, "Upload-Offset"));
        Assert.Equal("?0", Rufh.Header(append, "Upload-Complete"));
        Assert.Equal("10", Rufh.Header(append, "Upload-Length"));
    }

    [Theory]
    [InlineData(6, 204)] // draft-05: stop appending and reject; the upload stays active
    [InlineData(7, 410)] // draft-08 onwards: the upload resource is marked invalid
    [InlineData(8, 410)]
    [InlineData(9, 410)]
    public async Task Content_past_the_length_is_400_and_from_draft_08_on_ends_the_upload(int version, int headAfterwards)
    {
        var location = await Rufh.CreateAsync(Client, version, "abc"u8.ToArray(), length: 5);

        using var response = await Client.SendAsync(Rufh.Patch(version, location, 3, false, "defgh"u8.ToArray()));

        await Rufh.AssertProblemAsync(response, 400, InconsistentLength(version));
        using var head = await Client.SendAsync(Rufh.Request(version, HttpMethod.Head, location));
        Assert.Equal(headAfterwards, (int)head.StatusCode);
        if (headAfterwards == 204)
        {
            Assert.Equal("3", Rufh.Header(head, "Upload-Offset"));
        }
    }

    /// <summary>version, content of the late append, expected status, problem type (null: a success), Upload-Complete.</summary>
    public static TheoryData<int, bool, int, string?, string> LateAppends => new()
    {
        { 6, false, 400, Rufh.Iana + "completed-upload", "?1" }, // draft-05: 400 (completed-upload); the field is the state
        { 6, true, 400, Rufh.Iana + "completed-upload", "?1" },
        { 7, false, 400, Rufh.Iana + "completed-upload", "?0" }, // draft-06–09: any response not completing says ?0
        { 7, true, 400, Rufh.Iana + "completed-upload", "?0" },
        { 8, false, 400, Rufh.Iana + "completed-upload", "?0" }, // draft-10–11: no content → completed-upload
        { 8, true, 400, Rufh.Iana + "inconsistent-upload-length", "?0" }, // content → inconsistent length
        { 9, false, 200, null, "?1" }, // editor's copy: the final response is replayed
        { 9, true, 400, Rufh.Iana + "inconsistent-upload-length", "?0" },
    };

    [Theory]
    [MemberData(nameof(LateAppends))]
    public async Task An_append_to_a_completed_upload_is_answered_as_each_draft_says(int version, bool withContent, int status, string? problem, string complete)
    {
        var name = $"late{version}{withContent}.txt";
        using var created = await Client.SendAsync(Rufh.Create(version, true, "abc"u8.ToArray(), name));
        var location = created.Headers.Location!.OriginalString;

        using var late = await Client.SendAsync(Rufh.Patch(version, location, 3, true, withContent ? "d"u8.ToArray() : []));

        if (problem is null)
        {
            Assert.Equal(status, (int)late.StatusCode);
            Assert.Equal("/files/" + name, Rufh.Header(late, "Baton-File-Url"));
        }
        else
        {
            await Rufh.AssertProblemAsync(late, status, problem);
        }
        Assert.Equal(complete, Rufh.Header(late, "Upload-Complete"));
        Assert.Equal("3", Rufh.Header(late, "Upload-Offset"));
        Assert.Equal("abc", _server.ReadStoredText(name));
    }

    [Fact]
    public async Task A_late_append_at_an_older_offset_is_a_409_saying_upload_complete_false()
    {
        using var created = await Client.SendAsync(Rufh.Create(9, true, "abc"u8.ToArray(), "older.txt"));

        using var late = await Client.SendAsync(Rufh.Patch(9, created.Headers.Location!.OriginalString, 0, true, "abc"u8.ToArray()));

        await Rufh.AssertProblemAsync(late, 409, Rufh.Iana + "mismatching-upload-offset");
        Assert.Equal("?0", Rufh.Header(late, "Upload-Complete"));
        Assert.Equal("3", Rufh.Header(late, "Upload-Offset"));
    }

    [Theory]
    [InlineData(6, 400)] // draft-05: MUST reject state fields on offset retrieval and cancellation
    [InlineData(7, 204)]
    [InlineData(8, 204)]
    [InlineData(9, 204)]
    public async Task Only_draft_05_refuses_state_fields_on_head_and_delete(int version, int status)
    {
        var location = await Rufh.CreateAsync(Client, version, "abc"u8.ToArray());

        using var head = await Client.SendAsync(Rufh.Request(version, HttpMethod.Head, location, offset: 0));
        using var delete = await Client.SendAsync(Rufh.Request(version, HttpMethod.Delete, location, complete: false));

        Assert.Equal(status, (int)head.StatusCode);
        Assert.Equal(status, (int)delete.StatusCode);
        if (status == 400)
        {
            await Rufh.AssertProblemAsync(delete, 400, Baton + "unexpected-upload-fields");
            using var still = await Client.SendAsync(Rufh.Request(version, HttpMethod.Head, location));
            Assert.Equal("3", Rufh.Header(still, "Upload-Offset"));
        }
    }

    [Theory]
    [InlineData(6, null)]
    [InlineData(7, null)]
    [InlineData(8, null)]
    [InlineData(9, "max-size=1048576, max-age=86400")] // editor's copy: a 413 from the limits SHOULD carry Upload-Limit
    public async Task A_creation_over_the_size_limit_is_413(int version, string? limit)
    {
        var request = Rufh.Request(version, HttpMethod.Post, "uploads", complete: false);
        request.Headers.TryAddWithoutValidation("Upload-Length", (2 << 20).ToString());

        using var response = await Client.SendAsync(request);

        await Rufh.AssertProblemAsync(response, 413, Baton + "upload-too-large");
        Assert.Equal(limit, Rufh.Header(response, "Upload-Limit"));
        Assert.Empty(StoredUploads());
    }

    [Theory]
    [InlineData(6)]
    [InlineData(9)]
    public async Task Appends_need_partial_upload_content_an_offset_and_upload_complete(int version)
    {
        var location = await Rufh.CreateAsync(Client, version, "abc"u8.ToArray());

        using var wrongType = await Client.SendAsync(Rufh.Request(version, HttpMethod.Patch, location, false, 3, "d"u8.ToArray(), "application/offset+octet-stream"));
        using var noComplete = await Client.SendAsync(Rufh.Request(version, HttpMethod.Patch, location, null, 3, "d"u8.ToArray()));
        using var noOffset = await Client.SendAsync(Rufh.Request(version, HttpMethod.Patch, location, false, null, "d"u8.ToArray()));
        var notBoolean = Rufh.Request(version, HttpMethod.Patch, location, null, 3, "d"u8.ToArray());
        notBoolean.Headers.TryAddWithoutValidation("Upload-Complete", "true");
        using var invalid = await Client.SendAsync(notBoolean);

        await Rufh.AssertProblemAsync(wrongType, 415, Baton + "upload-media-type-unsupported");
        await Rufh.AssertProblemAsync(noComplete, 400, Baton + "invalid-upload-complete");
        await Rufh.AssertProblemAsync(noOffset, 400, Baton + "invalid-upload-offset");
        await Rufh.AssertProblemAsync(invalid, 400, Baton + "invalid-upload-complete");
        using var head = await Client.SendAsync(Rufh.Request(version, HttpMethod.Head, location));
        Assert.Equal("3", Rufh.Header(head, "Upload-Offset"));
    }

    [Theory]
    [InlineData(6, 405)]
    [InlineData(7, 405)]
    [InlineData(8, 405)]
    [InlineData(9, 204)] // editor's copy: GET on the upload resource retrieves the offset, without content
    public async Task Get_on_an_upload_retrieves_the_offset_only_in_the_editors_copy(int version, int status)
    {
        var location = await Rufh.CreateAsync(Client, version, "abc"u8.ToArray(), length: 10);

        using var response = await Client.SendAsync(Rufh.Request(version, HttpMethod.Get, location));

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 204)
        {
            Assert.Equal("3", Rufh.Header(response, "Upload-Offset"));
            Assert.Equal("?0", Rufh.Header(response, "Upload-Complete"));
            Assert.Equal("10", Rufh.Header(response, "Upload-Length"));
            Assert.Equal("no-store", Rufh.Header(response, "Cache-Control"));
            Assert.Matches("^max-size=1048576, max-age=\\d+$", Rufh.Header(response, "Upload-Limit"));
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        }
        else
        {
            await Rufh.AssertProblemAsync(response, 405, Baton + "method-not-allowed");
        }
    }

    [Fact]
    public async Task A_plain_get_on_an_upload_is_405_not_a_tus_412()
    {
        var location = await Rufh.CreateAsync(Client, 9, "abc"u8.ToArray());

        using var response = await Client.GetAsync(location);

        await Rufh.AssertProblemAsync(response, 405, Baton + "method-not-allowed");
    }
}
