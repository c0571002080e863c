using System.Net;
using System.Text;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads.Ietf;

/// <summary>
/// IETF requests Baton cannot serve are refused before anything is stored: a missing or unsupported interop version (interop 5,
/// tus-js-client's <c>ietf-draft-03</c>) with the supported versions in the problem and a header, tus's <c>Upload-Concat</c>
/// (tus-js-client's <c>parallelUploads</c> in IETF mode), a malformed <c>Upload-Metadata</c>. And the tus metadata that
/// tus-js-client sends in IETF mode names the file when <c>Content-Disposition</c> does not.
/// </summary>
public sealed class IetfRefusalTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;

    public async Task InitializeAsync() => _server = await BatonTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private HttpClient Client => _server.Client;

    private void AssertNothingStored()
    {
        Assert.Empty(_server.StagedUploads());
        Assert.Empty(_server.StoredFileNames());
    }

    private static async Task AssertVersionRefusalAsync(HttpResponseMessage response)
    {
        var problem = await Rufh.AssertProblemAsync(response, 400, "urn:baton:problem:interop-version-unsupported");
        Assert.Equal([6, 7, 8, 9], problem.GetProperty("supported-versions").EnumerateArray().Select(v => v.GetInt32()));
        Assert.Contains("6, 7, 8, 9", problem.GetProperty("detail").GetString());
        Assert.Equal("6, 7, 8, 9", Rufh.Header(response, "Baton-Interop-Versions"));
    }

    [Theory]
    [InlineData("5")]   // tus-js-client ietf-draft-03
    [InlineData("3")]
    [InlineData("10")]
    [InlineData("6.0")] // not an sf-integer
    [InlineData("")]
    public async Task A_creation_naming_an_unsupported_interop_version_is_refused_and_stores_nothing(string version)
    {
        var request = Rufh.Create(9, false, "abc"u8.ToArray(), "refused.bin");
        request.Headers.Remove("Upload-Draft-Interop-Version");
        request.Headers.TryAddWithoutValidation("Upload-Draft-Interop-Version", version);

        using var response = await Client.SendAsync(request);

        await AssertVersionRefusalAsync(response);
        AssertNothingStored();
    }

    [Fact]
    public async Task A_creation_with_upload_complete_and_no_interop_version_is_refused()
    {
        var request = Rufh.Create(9, true, "abc"u8.ToArray(), "refused.bin");
        request.Headers.Remove("Upload-Draft-Interop-Version");

        using var response = await Client.SendAsync(request);

        await AssertVersionRefusalAsync(response);
        AssertNothingStored();
    }

    [Fact]
    public async Task Appends_and_offset_retrieval_in_an_unsupported_version_are_refused_and_change_nothing()
    {
        var location = await Rufh.CreateAsync(Client, 8, "abc"u8.ToArray());

        using var append = await Client.SendAsync(Rufh.Patch(5, location, 3, true, "def"u8.ToArray()));
        using var head = await Client.SendAsync(Rufh.Request(5, HttpMethod.Head, location));

        await AssertVersionRefusalAsync(append);
        Assert.Equal(HttpStatusCode.BadRequest, head.StatusCode);
        Assert.Equal("6, 7, 8, 9", Rufh.Header(head, "Baton-Interop-Versions"));
        using var state = await Client.SendAsync(Rufh.Request(8, HttpMethod.Head, location));
        Assert.Equal("3", Rufh.Header(state, "Upload-Offset"));
    }

    [Theory]
    [InlineData("partial")]
    [InlineData("final;/uploads/AAAAAAAAAAAAAAAAAAAAAA /uploads/BBBBBBBBBBBBBBBBBBBBBB")]
    public async Task Upload_concat_on_an_ietf_creation_is_refused_and_stores_nothing(string concat)
    {
        var request = Rufh.Request(6, HttpMethod.Post, "uploads", complete: false);
        request.Headers.TryAddWithoutValidation("Upload-Length", "100");
        request.Headers.TryAddWithoutValidation("Upload-Concat", concat);

        using var response = await Client.SendAsync(request);

        await Rufh.AssertProblemAsync(response, 400, "urn:baton:problem:upload-concat-not-supported");
        AssertNothingStored();
    }

    [Fact]
    public async Task Options_advertises_the_interop_versions_and_cors_exposes_them()
    {
        await using var server = await BatonTestServer.StartAsync(o => o.CorsOrigins = ["https://app.example"]);
        var request = new HttpRequestMessage(HttpMethod.Options, "uploads");
        request.Headers.Add("Origin", "https://app.example");

        using var response = await server.Client.SendAsync(request);

        Assert.Equal("6, 7, 8, 9", Rufh.Header(response, "Baton-Interop-Versions"));
        Assert.Equal("max-age=86400", Rufh.Header(response, "Upload-Limit"));
        Assert.Contains("Baton-Interop-Versions", Rufh.Header(response, "Access-Control-Expose-Headers"));
    }

    [Fact]
    public async Task Without_any_limit_options_says_min_size_0()
    {
        await using var server = await BatonTestServer.StartAsync(o => o.Uploads.Expiration = TimeSpan.Zero);

        using var response = await server.Client.SendAsync(Rufh.Request(7, HttpMethod.Options, "uploads"));

        Assert.Equal("min-size=0", Rufh.Header(response, "Upload-Limit"));
    }

    private static string Metadata(params (string Key, string Value)[] pairs) =>
        string.Join(',', pairs.Select(p => p.Key + " " + Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))));

    [Fact]
    public async Task Upload_metadata_names_the_file_when_content_disposition_gives_no_name()
    {
        // What tus-js-client sends in ietf-draft-05 mode: no body, the name only in Upload-Metadata.
        var request = Rufh.Request(6, HttpMethod.Post, "uploads", complete: false);
        request.Headers.TryAddWithoutValidation("Upload-Length", "3");
        request.Headers.TryAddWithoutValidation("Upload-Metadata", Metadata(("filename", "from-metadata.txt"), ("filetype", "text/plain")));
        using var created = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var done = await Client.SendAsync(Rufh.Patch(6, created.Headers.Location!.OriginalString, 0, true, "abc"u8.ToArray()));

        Assert.Equal("/files/from-metadata.txt", Rufh.Header(done, "Baton-File-Url"));
        Assert.Equal("abc", _server.ReadStoredText("from-metadata.txt"));
    }

    [Fact]
    public async Task Content_disposition_wins_over_upload_metadata_and_other_pairs_are_kept()
    {
        var request = Rufh.Create(9, false, "ab"u8.ToArray(), "from-disposition.txt", length: 3);
        request.Headers.TryAddWithoutValidation("Upload-Metadata", Metadata(("filename", "ignored.txt"), ("album", "holiday")));
        using var created = await Client.SendAsync(request);
        var location = created.Headers.Location!.OriginalString;

        using var tusHead = await Client.SendAsync(Tus.Head(location));
        using var done = await Client.SendAsync(Rufh.Patch(9, location, 2, true, "c"u8.ToArray()));

        Assert.Contains(Metadata(("album", "holiday")), Rufh.Header(tusHead, "Upload-Metadata"));
        Assert.Contains(Metadata(("filename", "from-disposition.txt")), Rufh.Header(tusHead, "Upload-Metadata"));
        Assert.Equal("/files/from-disposition.txt", Rufh.Header(done, "Baton-File-Url"));
        Assert.False(_server.StoredFileExists("ignored.txt"));
    }

    [Fact]
    public async Task Malformed_upload_metadata_on_an_ietf_creation_is_400_and_stores_nothing()
    {
        var request = Rufh.Request(6, HttpMethod.Post, "uploads", complete: false);
        request.Headers.TryAddWithoutValidation("Upload-Metadata", "filename not-base64!");

        using var response = await Client.SendAsync(request);

        await Rufh.AssertProblemAsync(response, 400, "urn:baton:problem:invalid-upload-metadata");
        AssertNothingStored();
    }
}
