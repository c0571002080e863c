using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Baton.Server.Auth;
using Baton.Server.Tests.Uploads;
using Baton.Testing;

namespace Baton.Server.Tests.Auth;

/// <summary>
/// A token confined to a folder (issue 14 item 5) lives in it as if it were the whole server: every path it sends is taken below
/// its folder and every path it is shown is relative to it, so it can neither reach nor learn anything outside — through
/// listings, downloads, archives, uploads (folder metadata, Upload-Concat), folder changes, moves, deletes or signed links.
/// </summary>
public sealed class ScopeTests : IAsyncLifetime
{
    private const string Alice = "bt_alice_scoped_0123456789";
    private const string Bob = "bt_bob_scoped_0123456789";
    private const string AliceUnscoped = "bt_alice_unscoped_0123456789";
    private BatonTestServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await BatonTestServer.StartAsync(o =>
        {
            o.Auth.Tokens =
            [
                new TokenEntry { Name = "alice", Sha256 = TokenStore.Hash(Alice), Scope = "home/alice", Permissions = [BatonPermissions.Upload, BatonPermissions.Download, BatonPermissions.List, BatonPermissions.Delete] },
                // The same name, no scope (as a JWT subject equal to a token's name would be): its uploads are not the scoped one's.
                new TokenEntry { Name = "alice", Sha256 = TokenStore.Hash(AliceUnscoped), Permissions = [BatonPermissions.Upload] },
                new TokenEntry { Name = "bob", Sha256 = TokenStore.Hash(Bob), Scope = "home/bob", Permissions = [BatonPermissions.Upload, BatonPermissions.Download, BatonPermissions.List] },
            ];
            o.Auth.ApiRequestsPerMinute = 10_000;
        });
        _server.WriteStoredText("home/alice/mine.txt", "alice's");
        _server.WriteStoredText("home/bob/secret.txt", "bob's");
        _server.WriteStoredText("top.txt", "the root's");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, string token = Alice, HttpContent? content = null) =>
        SendAsync(new HttpRequestMessage(method, url) { Content = content }, token);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string token = Alice)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await _server.Client.SendAsync(request);
    }

    [Fact]
    public async Task The_listing_of_its_root_is_its_folder_with_paths_and_urls_relative_to_it()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/files");
        var listing = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("", listing.GetProperty("path").GetString());
        var entry = Assert.Single(listing.GetProperty("entries").EnumerateArray());
        Assert.Equal(("mine.txt", "mine.txt", "/files/mine.txt"),
            (entry.GetProperty("name").GetString(), entry.GetProperty("path").GetString(), entry.GetProperty("url").GetString()));
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("home", body);
        Assert.DoesNotContain("bob", body);
        Assert.DoesNotContain("top.txt", body);
    }

    [Theory]
    [InlineData("files/top.txt")]
    [InlineData("files/home/bob/secret.txt")]
    [InlineData("files/home/alice/mine.txt")]
    [InlineData("api/files?path=home")]
    [InlineData("api/files?path=..")]
    [InlineData("files/?format=zip&x=home/bob")]
    [InlineData("files/home/bob/?format=zip")]
    [InlineData("files/home/?format=zip")]
    [InlineData("api/files?path=home%2Fbob")]
    [InlineData("api/files?path=%2F..%2Fhome")]
    public async Task Nothing_outside_is_read_and_answers_do_not_say_what_is_there(string url)
    {
        using var response = await SendAsync(HttpMethod.Get, url);

        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("bob's", body);
        Assert.DoesNotContain("the root's", body);
        if (url.StartsWith("files/?format=zip", StringComparison.Ordinal))
        {
            // Its own root as a ZIP: its files only.
            using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
            Assert.Equal(["mine.txt"], zip.Entries.Select(e => e.FullName).ToArray());
            return;
        }
        Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"{url} → {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Traversal_in_the_raw_request_target_reaches_nothing_outside()
    {
        foreach (var target in new[] { "/files/%2e%2e/%2e%2e/top.txt", "/files/..%2f..%2ftop.txt", "/api/files?path=..%2F..", "/files/%2fetc%2fpasswd" })
        {
            var response = await RawHttp.SendAsync(_server.BaseAddress, "GET", target, $"Authorization: Bearer {Alice}\r\n");
            Assert.True(response.Status is 400 or 404, $"{target} → {response.Status}");
            Assert.DoesNotContain("the root's", response.BodyText);
            Assert.DoesNotContain("home/", response.BodyText);
        }
    }

    [Fact]
    public async Task Uploads_land_below_its_folder_and_are_shown_relative_to_it()
    {
        var location = await CreateAsync("x.txt", 3, ("folder", "docs"));
        using var patch = await SendAsync(Tus.Patch(location, 0, "abc"u8.ToArray()));
        Assert.Equal(HttpStatusCode.NoContent, patch.StatusCode);

        Assert.Equal("/files/docs/x.txt", patch.Headers.GetValues("Baton-File-Url").Single());
        Assert.Equal("abc", _server.ReadStoredText("home/alice/docs/x.txt"));
        Assert.False(_server.StoredFileExists("docs/x.txt"));
        using var download = await SendAsync(HttpMethod.Get, "files/docs/x.txt");
        Assert.Equal("abc", await download.Content.ReadAsStringAsync());

        foreach (var folder in new[] { "../bob", "../../top", "a/../../bob", ".baton" })
        {
            using var refused = await SendAsync(Tus.Create(3, null, ("Upload-Metadata", Metadata(("filename", "y.txt"), ("folder", folder)))));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        Assert.False(_server.StoredFileExists("home/bob/y.txt"));

        // An absolute-looking folder is still its own: "/home/bob" is home/bob below its root.
        var own = await CreateAsync("z.txt", 1, ("folder", "/home/bob"));
        using (await SendAsync(Tus.Patch(own, 0, "z"u8.ToArray()))) { }
        Assert.Equal("z", _server.ReadStoredText("home/alice/home/bob/z.txt"));
        Assert.False(_server.StoredFileExists("home/bob/z.txt"));
    }

    [Fact]
    public async Task Another_callers_partial_upload_cannot_be_joined()
    {
        using var bobsPartial = await SendAsync(Tus.Create(3, null, ("Upload-Concat", "partial")), Bob);
        var partial = bobsPartial.Headers.Location!.OriginalString;

        using var final = await SendAsync(Tus.Create(null, "joined.txt", ("Upload-Concat", "final;" + _server.Url(partial.TrimStart('/')))));

        await Tus.AssertProblemAsync(final, 400, "urn:baton:problem:invalid-upload-concat");

        // Nor read, written or cancelled directly: it is bob's upload, not alice's.
        using (var head = await SendAsync(Tus.Head(partial)))
        using (var patch = await SendAsync(Tus.Patch(partial, 0, "xyz"u8.ToArray())))
        using (var delete = await SendAsync(Tus.Request(HttpMethod.Delete, partial)))
        {
            Assert.True(head.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"HEAD → {(int)head.StatusCode}");
            Assert.True(patch.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"PATCH → {(int)patch.StatusCode}");
            Assert.True(delete.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"DELETE → {(int)delete.StatusCode}");
        }
        using var bobsHead = await SendAsync(Tus.Head(partial), Bob);
        Assert.Equal("0", Tus.Header(bobsHead, "Upload-Offset"));
    }

    [Fact]
    public async Task An_upload_of_the_same_name_outside_its_folder_is_not_its_own()
    {
        using var outside = await SendAsync(Tus.Create(3, null, ("Upload-Concat", "partial")), AliceUnscoped);
        Assert.Equal(HttpStatusCode.Created, outside.StatusCode);
        var location = outside.Headers.Location!.OriginalString;

        using var head = await SendAsync(Tus.Head(location));
        using var patch = await SendAsync(Tus.Patch(location, 0, "abc"u8.ToArray()));
        using var join = await SendAsync(Tus.Create(null, "joined.txt", ("Upload-Concat", "final;" + _server.Url(location.TrimStart('/')))));

        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, patch.StatusCode);
        await Tus.AssertProblemAsync(join, 400, "urn:baton:problem:invalid-upload-concat");
    }

    [Fact]
    public async Task Folder_changes_and_moves_stay_inside()
    {
        using (var mkdir = await SendAsync(HttpMethod.Post, "api/files/folders?path=new"))
        {
            Assert.Equal(HttpStatusCode.Created, mkdir.StatusCode);
        }
        Assert.True(_server.StoredFolderExists("home/alice/new"));
        Assert.False(_server.StoredFolderExists("new"));

        using (var outward = await SendAsync(HttpMethod.Post, "api/files/move?from=mine.txt&to=..%2Ftop.txt&overwrite=true"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, outward.StatusCode);
        }
        using (var fromOutside = await SendAsync(HttpMethod.Post, "api/files/move?from=top.txt&to=stolen.txt"))
        {
            Assert.Equal(HttpStatusCode.NotFound, fromOutside.StatusCode);
            Assert.DoesNotContain("home/alice", await fromOutside.Content.ReadAsStringAsync());
        }
        Assert.False(_server.StoredFileExists("home/alice/stolen.txt"));
        using (var inside = await SendAsync(HttpMethod.Post, "api/files/move?from=mine.txt&to=new%2Fmoved.txt"))
        {
            Assert.Equal(HttpStatusCode.NoContent, inside.StatusCode);
        }
        Assert.Equal("alice's", _server.ReadStoredText("home/alice/new/moved.txt"));
        Assert.Equal("the root's", _server.ReadStoredText("top.txt"));

        using (var ownRoot = await SendAsync(HttpMethod.Delete, "api/files?path=&recursive=true"))
        {
            Assert.Equal(HttpStatusCode.MethodNotAllowed, ownRoot.StatusCode);
        }
        using (var rootFile = await SendAsync(HttpMethod.Delete, "files/top.txt"))
        {
            Assert.Equal(HttpStatusCode.NotFound, rootFile.StatusCode);
        }
        Assert.True(_server.StoredFileExists("top.txt"));
        Assert.True(_server.StoredFileExists("home/bob/secret.txt"));
    }

    [Fact]
    public async Task It_signs_download_links_inside_only_and_no_upload_links()
    {
        using var link = await SendAsync(HttpMethod.Post, "api/links",
            content: JsonContent.Create(new { path = "mine.txt", expiresInSeconds = 600 }));
        Assert.Equal(HttpStatusCode.Created, link.StatusCode);
        var url = (await link.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        using var anonymous = new HttpClient();
        Assert.Equal("alice's", await anonymous.GetStringAsync(url));

        // A name that is outside for the server is a name inside for the caller: the link is for home/alice/home/bob/…, which
        // does not exist, so fetching it is 404 and bob's file is not read.
        using var outside = await SendAsync(HttpMethod.Post, "api/links",
            content: JsonContent.Create(new { path = "home/bob/secret.txt", expiresInSeconds = 600 }));
        Assert.Equal(HttpStatusCode.Created, outside.StatusCode);
        var outsideUrl = (await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!;
        Assert.Contains("/files/home/alice/home/bob/secret.txt", outsideUrl);
        using (var fetched = await anonymous.GetAsync(outsideUrl))
        {
            Assert.Equal(HttpStatusCode.NotFound, fetched.StatusCode);
            Assert.DoesNotContain("bob's", await fetched.Content.ReadAsStringAsync());
        }
        foreach (var traversal in new[] { "../top.txt", "../../home/bob/secret.txt", "%2e%2e/top.txt", "" })
        {
            using var refused = await SendAsync(HttpMethod.Post, "api/links",
                content: JsonContent.Create(new { path = traversal, expiresInSeconds = 600 }));
            Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{traversal} → {(int)refused.StatusCode}");
            var body = await refused.Content.ReadAsStringAsync();
            Assert.DoesNotContain("home/alice", body);
            Assert.DoesNotContain("the root's", body);
        }

        using var upload = await SendAsync(HttpMethod.Post, "api/links",
            content: JsonContent.Create(new { upload = true, maxBytes = 1000, expiresInSeconds = 600 }));
        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
    }

    private async Task<string> CreateAsync(string name, int length, params (string Key, string Value)[] metadata)
    {
        using var created = await SendAsync(Tus.Create(length, null, ("Upload-Metadata", Metadata([("filename", name), .. metadata]))));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return created.Headers.Location!.OriginalString;
    }

    private static string Metadata(params (string Key, string Value)[] pairs) =>
        string.Join(',', pairs.Select(p => p.Key + " " + Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))));
}
