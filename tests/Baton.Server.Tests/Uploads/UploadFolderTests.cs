using System.Net;
using System.Text;
using Baton.Server.Tests.Uploads.Ietf;
using Baton.Testing;

namespace Baton.Server.Tests.Uploads;

/// <summary>
/// Uploads into folders (issue 14 item 1): <c>folder</c> and Uppy's <c>relativePath</c> in <c>Upload-Metadata</c>, over tus and
/// the IETF dialects; missing folders created at completion, the clash rule inside the folder, bad paths refused at creation
/// with nothing stored anywhere.
/// </summary>
public sealed class UploadFolderTests
{
    private static string Metadata(params (string Key, string Value)[] pairs) =>
        string.Join(',', pairs.Select(p => p.Key + " " + Convert.ToBase64String(Encoding.UTF8.GetBytes(p.Value))));

    private static async Task<HttpResponseMessage> UploadAsync(BatonTestServer server, byte[] content, params (string Key, string Value)[] metadata)
    {
        var location = await Tus.CreateAsync(server.Client, content.Length, null, ("Upload-Metadata", Metadata(metadata)));
        return await server.Client.SendAsync(Tus.Patch(location, 0, content));
    }

    [Fact]
    public async Task A_folder_upload_creates_the_missing_folders_and_lands_inside()
    {
        await using var server = await BatonTestServer.StartAsync();

        using var response = await UploadAsync(server, "data"u8.ToArray(), ("filename", "x.jpg"), ("folder", "photos/2024"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("data", server.ReadStoredText("photos/2024/x.jpg"));
        Assert.Equal("/files/photos/2024/x.jpg", Tus.Header(response, "Baton-File-Url"));
        Assert.Empty(server.StoredFileNames()); // nothing at the top of the root
    }

    [Fact]
    public async Task Uppy_relative_path_keeps_the_dropped_structure_below_the_folder()
    {
        await using var server = await BatonTestServer.StartAsync();

        // Uppy sends FileSystemEntry.fullPath: a leading '/', and the file's own name last (it wins over filename).
        using var response = await UploadAsync(server, "abc"u8.ToArray(),
            ("filename", "ignored.txt"), ("folder", "/inbox/"), ("relativePath", "/top/sub/name.txt"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("abc", server.ReadStoredText("inbox/top/sub/name.txt"));
        Assert.False(server.StoredFileExists("inbox/top/sub/ignored.txt"));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("undefined")]
    public async Task Uppys_stringified_null_relative_path_means_no_relative_path(string sent)
    {
        await using var server = await BatonTestServer.StartAsync();

        // What @uppy/tus sends for a file not from a folder: String(null).
        using var response = await UploadAsync(server, "abc"u8.ToArray(), ("filename", "photo.jpg"), ("relativePath", sent));
        using var inFolder = await UploadAsync(server, "def"u8.ToArray(),
            ("filename", "b.jpg"), ("folder", "album"), ("relativePath", sent));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("abc", server.ReadStoredText("photo.jpg"));
        Assert.Equal("def", server.ReadStoredText("album/b.jpg"));
        Assert.False(server.StoredFileExists(sent));
    }

    [Fact]
    [Trait(TestStorage.Trait, TestStorage.DiskOnly)] // names on disk are bytes: only there can both spellings coexist
    public async Task Folder_names_are_stored_NFC_normalised()
    {
        await using var server = await BatonTestServer.StartAsync();

        // "café" decomposed (e + U+0301), as macOS file systems hand it out.
        using var response = await UploadAsync(server, "n"u8.ToArray(), ("filename", "f.txt"), ("folder", "cafe\u0301"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(server.StoredFileExists("caf\u00e9/f.txt"));
        Assert.False(Directory.Exists(server.Root.Combine("cafe\u0301")));
    }

    [Fact]
    public async Task The_clash_rule_applies_inside_the_folder()
    {
        await using var server = await BatonTestServer.StartAsync();
        Directory.CreateDirectory(server.Root.Combine("docs"));
        File.WriteAllText(server.Root.Combine("docs/a.txt"), "old");
        TestStorage.Publish(server.Services, server.Root.Path, "docs/a.txt");

        using var response = await UploadAsync(server, "new"u8.ToArray(), ("filename", "a.txt"), ("folder", "docs"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("old", server.ReadStoredText("docs/a.txt"));
        Assert.Equal("new", server.ReadStoredText("docs/a (1).txt"));
    }

    [Theory]
    [Trait(TestStorage.Trait, TestStorage.DiskOnly)] // looks at the root folder itself
    [InlineData("folder", "../outside", "invalid-path")]
    [InlineData("folder", "a/../../outside", "invalid-path")]
    [InlineData("folder", "C:/windows", "invalid-path")]
    [InlineData("folder", "a\\..\\b", "invalid-path")]
    [InlineData("folder", "a\u0000b", "invalid-path")]
    [InlineData("folder", ".baton/uploads", "invalid-path")]
    [InlineData("folder", "x/.BATON", "invalid-path")]
    [InlineData("folder", ".hidden", "invalid-path")]
    [InlineData("folder", "a//b", "invalid-path")]
    [InlineData("relativePath", "/top/../../etc/passwd", "invalid-path")]
    [InlineData("relativePath", "/top/sub/", "invalid-path")]
    public async Task Bad_folder_paths_are_400_at_creation_and_nothing_is_stored(string key, string value, string type)
    {
        await using var server = await BatonTestServer.StartAsync();

        using var response = await server.Client.SendAsync(
            Tus.Create(4, null, ("Upload-Metadata", Metadata(("filename", "f.txt"), (key, value)))));

        await Tus.AssertProblemAsync(response, 400, "urn:baton:problem:" + type);
        Assert.Equal([".baton"], Directory.GetFileSystemEntries(server.Root.Path).Select(Path.GetFileName));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(server.Root.Path)!, "outside")));
    }

    [Fact]
    public async Task Over_long_and_too_deep_paths_are_400_path_too_long()
    {
        await using var server = await BatonTestServer.StartAsync();

        using var longName = await server.Client.SendAsync(
            Tus.Create(4, null, ("Upload-Metadata", Metadata(("filename", "f.txt"), ("folder", new string('a', 256))))));
        using var deep = await server.Client.SendAsync(
            Tus.Create(4, null, ("Upload-Metadata", Metadata(("filename", "f.txt"), ("folder", string.Join('/', Enumerable.Repeat("d", 40)))))));

        await Tus.AssertProblemAsync(longName, 400, "urn:baton:problem:path-too-long");
        await Tus.AssertProblemAsync(deep, 400, "urn:baton:problem:path-too-long");
    }

    [Fact]
    [Trait(TestStorage.Trait, TestStorage.DiskOnly)] // looks at the root folder itself
    public async Task A_folder_that_is_a_link_out_of_the_root_is_never_written_through()
    {
        await using var server = await BatonTestServer.StartAsync();
        var outside = Directory.CreateTempSubdirectory("baton-outside-");
        try
        {
            Directory.CreateSymbolicLink(server.Root.Combine("escape"), outside.FullName);

            using var response = await UploadAsync(server, "data"u8.ToArray(), ("filename", "f.txt"), ("folder", "escape/sub"));

            Assert.Empty(outside.GetFileSystemInfos());
            Assert.Null(Tus.Header(response, "Baton-File-Url"));
        }
        finally
        {
            outside.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task An_ietf_upload_goes_into_its_folder_too()
    {
        await using var server = await BatonTestServer.StartAsync();
        var request = Rufh.Request(6, HttpMethod.Post, "uploads", complete: false);
        request.Headers.TryAddWithoutValidation("Upload-Length", "3");
        request.Headers.TryAddWithoutValidation("Upload-Metadata", Metadata(("filename", "r.txt"), ("folder", "ietf/in")));
        using var created = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var done = await server.Client.SendAsync(Rufh.Patch(6, created.Headers.Location!.OriginalString, 0, true, "abc"u8.ToArray()));

        Assert.Equal("/files/ietf/in/r.txt", Rufh.Header(done, "Baton-File-Url"));
        Assert.Equal("abc", server.ReadStoredText("ietf/in/r.txt"));
    }

    [Fact]
    public async Task An_ietf_upload_with_a_traversing_folder_is_refused()
    {
        await using var server = await BatonTestServer.StartAsync();
        var request = Rufh.Request(6, HttpMethod.Post, "uploads", complete: false);
        request.Headers.TryAddWithoutValidation("Upload-Length", "3");
        request.Headers.TryAddWithoutValidation("Upload-Metadata", Metadata(("filename", "r.txt"), ("folder", "../x")));

        using var created = await server.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Equal("application/problem+json", created.Content.Headers.ContentType?.MediaType);
    }
}
