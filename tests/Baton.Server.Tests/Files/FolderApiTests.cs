using System.Net;
using Baton.Server.Tests.Uploads;
using Baton.Testing;

namespace Baton.Server.Tests.Files;

/// <summary>
/// Folder changes in the Files API (issue 14 item 2): create, rename/move (on disk atomic, same inode), delete (recursive only
/// when asked) — over real sockets against every backend (BATON_TEST_STORAGE), with bad input refused and nothing outside the
/// root touched. Tests of links and inodes hold only on disk.
/// </summary>
public sealed class FolderApiTests : IAsyncLifetime
{
    private BatonTestServer _server = null!;
    private DirectoryInfo _outside = null!;

    public async Task InitializeAsync()
    {
        _server = await BatonTestServer.StartAsync();
        _outside = Directory.CreateTempSubdirectory("baton-outside-");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _outside.Delete(recursive: true);
    }

    private Task<HttpResponseMessage> PostAsync(string url) => _server.Client.PostAsync(url, null);

    private static string Q(string value) => Uri.EscapeDataString(value);

    [Fact]
    public async Task Mkdir_creates_missing_folders_and_refuses_an_existing_name()
    {
        using var created = await PostAsync("api/files/folders?path=" + Q("a/b/c"));
        using var again = await PostAsync("api/files/folders?path=" + Q("a/b/c"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.True(_server.StoredFolderExists("a/b/c"));
        await Tus.AssertProblemAsync(again, 409, "urn:baton:problem:already-exists");
    }

    [Theory]
    [InlineData("Photos")]
    [InlineData("PHOTOS")]
    public async Task Mkdir_refuses_a_name_equal_up_to_case(string name)
    {
        _server.CreateStoredFolder("photos");

        using var response = await PostAsync("api/files/folders?path=" + Q(name));

        await Tus.AssertProblemAsync(response, 409, "urn:baton:problem:already-exists");
        Assert.False(_server.StoredFolderExists(name));
    }

    [Theory]
    [InlineData("../escape", "invalid-path")]
    [InlineData("a/../../escape", "invalid-path")]
    [InlineData(".baton/x", "invalid-path")]
    [InlineData("a\u0001b", "invalid-path")]
    [InlineData("/", "already-exists")]
    public async Task Mkdir_refuses_bad_paths(string path, string type)
    {
        using var response = await PostAsync("api/files/folders?path=" + Q(path));

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("urn:baton:problem:" + type, await response.Content.ReadAsStringAsync());
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(_server.Root.Path)!, "escape")));
    }

    [Fact]
    [Trait(TestStorage.Trait, TestStorage.DiskOnly)] // symbolic links
    public async Task Mkdir_below_a_link_out_of_the_root_creates_nothing_outside()
    {
        Directory.CreateSymbolicLink(_server.Root.Combine("out"), _outside.FullName);

        using var response = await PostAsync("api/files/folders?path=" + Q("out/new"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_outside.GetFileSystemInfos());
    }

    [Fact]
    public async Task A_renamed_file_keeps_its_bytes_and_is_served_under_its_new_name()
    {
        _server.WriteRandomFile("docs/a.bin", 70_000, seed: 3);
        var before = _server.ReadStoredFile("docs/a.bin");

        using var response = await PostAsync($"api/files/move?from={Q("docs/a.bin")}&to={Q("archive/2024/b.bin")}");
        var served = await _server.Client.GetByteArrayAsync("files/archive/2024/b.bin");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(before, served);
        Assert.False(_server.StoredFileExists("docs/a.bin"));
        Assert.True(_server.StoredFolderExists("docs")); // the folder it left stays, as on disk
    }

    [Fact]
    [Trait(TestStorage.Trait, TestStorage.DiskOnly)] // inodes
    public async Task Rename_is_atomic_and_keeps_the_inode()
    {
        var path = _server.Root.WriteRandomFile("docs/a.bin", 1000);
        var before = File.ReadAllBytes(path);
        var inode = Inode(path);

        using var response = await PostAsync($"api/files/move?from={Q("docs/a.bin")}&to={Q("archive/2024/b.bin")}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var moved = _server.Root.Combine("archive", "2024", "b.bin");
        Assert.Equal(before, File.ReadAllBytes(moved));
        Assert.Equal(inode, Inode(moved));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Moving_a_folder_moves_its_tree()
    {
        _server.WriteRandomFile("src/x/1.bin", 10);
        _server.WriteRandomFile("src/2.bin", 20);

        using var response = await PostAsync($"api/files/move?from={Q("src")}&to={Q("dst/moved")}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(10, _server.ReadStoredFile("dst/moved/x/1.bin")?.Length);
        Assert.Equal(20, _server.ReadStoredFile("dst/moved/2.bin")?.Length);
        Assert.False(_server.StoredFolderExists("src"));
    }

    [Fact]
    public async Task A_move_onto_an_existing_name_is_409_unless_overwrite_is_asked()
    {
        _server.WriteStoredText("a.txt", "a");
        _server.WriteStoredText("b.txt", "b");

        using var refused = await PostAsync($"api/files/move?from=a.txt&to=b.txt");
        Assert.Equal("b", _server.ReadStoredText("b.txt"));
        using var replaced = await PostAsync($"api/files/move?from=a.txt&to=b.txt&overwrite=true");

        await Tus.AssertProblemAsync(refused, 409, "urn:baton:problem:already-exists");
        Assert.Equal(HttpStatusCode.NoContent, replaced.StatusCode);
        Assert.Equal("a", _server.ReadStoredText("b.txt"));
        Assert.False(_server.StoredFileExists("a.txt"));
    }

    [Fact]
    public async Task A_folder_is_never_replaced_even_with_overwrite()
    {
        _server.WriteRandomFile("one/f.bin", 5);
        _server.WriteRandomFile("two/g.bin", 5);

        using var response = await PostAsync($"api/files/move?from=one&to=two&overwrite=true");

        await Tus.AssertProblemAsync(response, 409, "urn:baton:problem:already-exists");
        Assert.True(_server.StoredFileExists("two/g.bin"));
        Assert.True(_server.StoredFileExists("one/f.bin"));
    }

    [Theory]
    [InlineData("top")]
    [InlineData("top/inner")]
    [InlineData("top/inner/deeper")]
    public async Task Moving_a_folder_into_itself_is_400(string to)
    {
        _server.WriteRandomFile("top/inner/f.bin", 5);

        using var response = await PostAsync($"api/files/move?from=top&to={Q(to)}");

        await Tus.AssertProblemAsync(response, 400, "urn:baton:problem:move-into-itself");
        Assert.True(_server.StoredFileExists("top/inner/f.bin"));
    }

    [Theory]
    [InlineData("../stolen.txt", "invalid-path")]
    [InlineData(".baton/uploads/x", "invalid-path")]
    public async Task Move_targets_outside_the_root_are_refused(string to, string type)
    {
        _server.WriteStoredText("a.txt", "a");

        using var response = await PostAsync($"api/files/move?from=a.txt&to={Q(to)}");

        await Tus.AssertProblemAsync(response, 400, "urn:baton:problem:" + type);
        Assert.True(_server.StoredFileExists("a.txt"));
    }

    [Fact]
    [Trait(TestStorage.Trait, TestStorage.DiskOnly)] // symbolic links
    public async Task A_move_through_a_link_out_of_the_root_moves_nothing()
    {
        File.WriteAllText(_server.Root.Combine("a.txt"), "a");
        Directory.CreateSymbolicLink(_server.Root.Combine("out"), _outside.FullName);
        File.WriteAllText(Path.Combine(_outside.FullName, "secret.txt"), "s");

        using var into = await PostAsync($"api/files/move?from=a.txt&to={Q("out/a.txt")}");
        using var fromOutside = await PostAsync($"api/files/move?from={Q("out/secret.txt")}&to=mine.txt");

        Assert.Equal(HttpStatusCode.NotFound, into.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, fromOutside.StatusCode);
        Assert.True(File.Exists(_server.Root.Combine("a.txt")));
        Assert.Equal(["secret.txt"], _outside.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public async Task Deleting_a_non_empty_folder_is_409_unless_recursive()
    {
        _server.WriteRandomFile("full/sub/f.bin", 5);
        _server.CreateStoredFolder("empty");

        using var refused = await _server.Client.DeleteAsync("api/files?path=full");
        Assert.True(_server.StoredFileExists("full/sub/f.bin"));
        using var recursive = await _server.Client.DeleteAsync("api/files?path=full&recursive=true");
        using var empty = await _server.Client.DeleteAsync("api/files?path=empty");

        await Tus.AssertProblemAsync(refused, 409, "urn:baton:problem:folder-not-empty");
        Assert.Equal(HttpStatusCode.NoContent, recursive.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, empty.StatusCode);
        Assert.False(_server.StoredFolderExists("full"));
        Assert.False(_server.StoredFolderExists("empty"));
    }

    [Fact]
    [Trait(TestStorage.Trait, TestStorage.DiskOnly)] // symbolic links
    public async Task A_recursive_delete_never_follows_links_out_of_the_root()
    {
        File.WriteAllText(Path.Combine(_outside.FullName, "keep.txt"), "k");
        _server.Root.WriteRandomFile("tree/f.bin", 5);
        Directory.CreateSymbolicLink(_server.Root.Combine("tree", "link"), _outside.FullName);

        using var linkItself = await _server.Client.DeleteAsync("api/files?path=tree%2Flink&recursive=true");
        using var response = await _server.Client.DeleteAsync("api/files?path=tree&recursive=true");

        Assert.Equal(HttpStatusCode.NotFound, linkItself.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("k", File.ReadAllText(Path.Combine(_outside.FullName, "keep.txt")));
    }

    [Theory]
    [InlineData("", 405)]
    [InlineData("/", 405)]
    [InlineData("..", 400)]
    [InlineData(".baton", 404)]
    [InlineData("missing", 404)]
    public async Task Folder_deletes_of_the_root_state_or_missing_folders_are_refused(string path, int status)
    {
        _server.WriteStoredText("keep.txt", "k");
        await Tus.CreateAsync(_server.Client, 10, "staged.bin"); // state below .baton/uploads
        var staged = _server.StagedUploads();

        using var response = await _server.Client.DeleteAsync("api/files?recursive=true&path=" + Q(path));

        Assert.Equal(status, (int)response.StatusCode);
        Assert.NotEmpty(staged);
        Assert.Equal(staged, _server.StagedUploads());
        Assert.True(_server.StoredFileExists("keep.txt"));
    }

    [Fact]
    public async Task A_file_is_not_deleted_as_a_folder()
    {
        _server.WriteStoredText("f.txt", "f");

        using var response = await _server.Client.DeleteAsync("api/files?path=f.txt&recursive=true");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(_server.StoredFileExists("f.txt"));
    }

    /// <summary>The inode number, as coreutils stat(1) reports it.</summary>
    private static string Inode(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%i", path])
        {
            RedirectStandardOutput = true,
        })!;
        var inode = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        Assert.Equal(0, stat.ExitCode);
        return inode;
    }
}
